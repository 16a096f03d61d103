// Masking of quotes: each form of a name, a link and an organisation the issue found slipping through.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ContractError } from "../../loaders/contract-error";
import { addNameWords, maskText, nameCandidates, nameColumnIndexes, nameWordsOf, otherNamesToMask } from "../../loaders/masking";

/** Gathers the name words of `records` (the first a header row) as the cleaning gathers them from an export's name columns. */
function gatherNames(records: { cells: string[] }[], words: Set<string>): void {
  const columns = nameColumnIndexes(records[0].cells);
  for (const record of records.slice(1)) for (const column of columns) addNameWords(record.cells[column] ?? "", words);
}

/** The name words of a roster listing `fullNames`, gathered as the cleaning gathers them. */
function roster(...fullNames: string[]): Set<string> {
  const words = new Set<string>();
  const records = [{ line: 1, cells: ["scholar_id", "full_name"] }, ...fullNames.map((name, i) => ({ line: i + 2, cells: [`S${i}`, name] }))];
  gatherNames(records, words);
  return words;
}

/** Masks as the quotes loader does: only the candidate words are looked up among the names. */
function mask(text: string, names: Set<string>): string {
  const looked = new Set(nameCandidates(text).filter((word) => names.has(word)));
  return maskText(text, looked);
}

test("emails, links, handles, known names and organisations are masked; the rest of the quote stays", () => {
  const names = roster("Jane Doe");
  const masked = mask("I work with Jane Doe at Anthropic on evals; email jane.doe@example.org or see https://x.example/jd and @janed. MATS helped.", names);
  assert.equal(masked, "I work with [organisation] at [organisation] on evals; email [email] or see [link] and [handle]. MATS helped.");
  assert.doesNotMatch(masked, /jane|doe|anthropic/i);
});

test("a capitalised employer after 'at' is masked even if no list knows it", () => {
  assert.equal(maskText("Now a research engineer at Quux Labs.", new Set()), "Now a research engineer at [organisation].");
  assert.equal(maskText("Doing interpretability research independently.", new Set()), "Doing interpretability research independently.");
});

test("possessives with a straight or a curly apostrophe", () => {
  const names = roster("Faqui Mensah");
  assert.equal(mask("Faqui's advice and Faqui’s notes helped; so did mensah's.", names), "[name]'s advice and [name]’s notes helped; so did [name]'s.");
});

test("case, accents composed or decomposed, and compatibility forms", () => {
  const names = roster("José Müller");
  assert.equal(mask("jose and JOSÉ and Jose\u0301 and MULLER and Mu\u0308ller met.", names), "[name] and [name] and [name] and [name] and [name] met.");
  assert.equal(mask("Ｊｏｓｅ (full-width) too.", names), "[name] (full-width) too.");
  // The roster itself in decomposed form masks the composed text.
  assert.equal(mask("Thanks to José.", roster("Jose\u0301 Doe")), "Thanks to [name].");
});

test("two-letter names are masked; common two-letter words only beside another name word", () => {
  const names = roster("Yi Li", "An Nguyen", "He Wu");
  assert.equal(mask("Yi Li and I wrote it; later Li left.", names), "[name] [name] and I wrote it; later [name] left.");
  assert.equal(mask("An Nguyen said he had an idea.", names), "[name] [name] said he had an idea.");
  assert.equal(mask("I thanked He Wu, and he agreed.", names), "I thanked [name] [name], and he agreed.");
  assert.equal(mask("It is an honour to be in it.", names), "It is an honour to be in it.");
});

test("hyphenated names and O'Brien in either apostrophe", () => {
  const names = roster("Anne Smith-Jones", "Pat O’Brien");
  assert.equal(mask("Smith-Jones and Jones and smith-jones's", names), "[name] and [name] and [name]'s");
  assert.equal(mask("O'Brien, O’Brien, OBrien and o'brien's paper", names), "[name], [name], [name] and [name]'s paper");
  assert.equal(mask("Thanks Pat O'Brien!", roster("Pat O'Brien")), "Thanks [name] [name]!");
});

test("initials alone are not names", () => {
  assert.deepEqual(nameWordsOf("J. R. Doe"), ["doe"]);
});

test("links without a scheme, bare domains and profile paths", () => {
  const none = new Set<string>();
  assert.equal(maskText("See www.linkedin.com/in/first-last for more.", none), "See [link] for more.");
  assert.equal(maskText("linkedin.com/in/first-last, github.com/janedoe, x.com/jd and twitter.com/jd", none), "[link] [link] [link] and [link]");
  assert.equal(maskText("My site is janedoe.dev and blog at jane-doe.github.io.", none), "My site is [link] and blog at [link].");
  assert.equal(maskText("Email JANE@EXAMPLE.ORG or (@jane_d).", none), "Email [email] or ([handle]).");
  assert.equal(maskText("We used e.g. Node and version 3.5 of it.", none), "We used e.g. Node and version 3.5 of it.");
});

test("organisations in any case; names that are ordinary words only with a capital", () => {
  const none = new Set<string>();
  assert.equal(maskText("now at openai, before that OPENAI and Google DeepMind.", none), "now at [organisation], before that [organisation] and [organisation].");
  assert.equal(maskText("I moved to anthropic.", none), "I moved to [organisation].");
  assert.equal(maskText("Worked on meta-learning and a narrative arc.", none), "Worked on meta-learning and a narrative arc.");
  assert.equal(maskText("Then Meta hired me.", none), "Then [organisation] hired me.");
  assert.equal(maskText("MATS helped.", none), "MATS helped.");
});

test("mask-names.txt adds mentors' and staff names; it must be UTF-8", () => {
  const folder = mkdtempSync(join(tmpdir(), "workbench-mask-"));
  assert.deepEqual(otherNamesToMask(folder), new Set());
  writeFileSync(join(folder, "mask-names.txt"), "# mentors\nEvan Hubinger\n\n  Neel  \r\nZoë Ng\n");
  const names = otherNamesToMask(folder);
  assert.equal(mask("Evan's and neel's mentorship; Zoe Ng too.", names), "[name]'s and [name]'s mentorship; [name] [name] too.");
  writeFileSync(join(folder, "mask-names.txt"), Buffer.from([0x5a, 0x6f, 0xeb, 0x0a]));
  assert.throws(() => otherNamesToMask(folder), (error: unknown) => error instanceof ContractError && error.message === "mask-names.txt: expected UTF-8 text, one name per line, got 'bytes that are not UTF-8'");
});

test("name particles are masked beside a name only, and invisible characters do not split a name", () => {
  const names = roster("Maria de la Cruz", "Jan van Dijk", "Faqui Mensah");
  assert.equal(mask("Maria de la Cruz and van Dijk came; the van was late, de facto.", names), "[name] [name] [name] [name] and [name] [name] came; the van was late, de facto.");
  assert.equal(mask("Fa\u00ADqui and Fa\u200Bqui Men\u200Dsah", names), "[name] and [name] [name]");
});

test("Qualtrics' recipient names are gathered, its header rows are not", () => {
  const words = new Set<string>();
  const records = [
    ["ResponseId", "RecipientLastName", "RecipientFirstName"],
    ["Response ID", "Recipient Last Name", "Recipient First Name"],
    ['{"ImportId":"_recordId"}', '{"ImportId":"recipientLastName"}', '{"ImportId":"recipientFirstName"}'],
    ["R_1", "Okafor", "Chidi"],
  ].map((cells, i) => ({ line: i + 1, cells }));
  gatherNames(records, words);
  assert.deepEqual(words, new Set(["okafor", "chidi"]));
});
