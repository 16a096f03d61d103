// The survey instrument, read from a declarative file: data/instrument.json (shipped beside the sample exports),
// or an exports folder's own instrument.json, which wins. A new wave with reworded questions is a new entry there.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { answerKey } from "./checkbox";
import { ContractError } from "./contract-error";

/** The instrument file's name, in data/ and in any exports folder. */
export const instrumentFileName = "instrument.json";
export const instrumentSchemaFileName = "instrument.schema.json";
export const shippedInstrumentPath = fileURLToPath(new URL(`../data/${instrumentFileName}`, import.meta.url));

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "a lower-case id such as current_work");

const optionSchema = z.object({ id, text: z.string().min(1) }).describe("An answer option: a stable id indicators name it by, and its text in the clean tables.");

const questionSchema = z
  .object({
    id,
    kind: z.enum(["single", "checkbox", "grid", "text", "month"]),
    options: z.array(optionSchema).optional(),
    otherText: z.boolean().optional().describe('The respondent may type their own "Other" answer (kept as text, counted as option Other).'),
    rows: z.array(z.string()).optional().describe("Grid rows, each a column of its own."),
  })
  .describe("A question as the clean tables know it, whatever its wording in a wave.");

const waveSchema = z
  .object({
    id: z.string().regex(/^[0-9A-Za-z_-]+$/).describe("The wave's name, as `--wave` takes it (e.g. 2026)."),
    source: z.string().min(1).describe("The source name in the ledger, e.g. alumni-survey-2026."),
    files: z.string().min(1).describe("The export file names, a pattern with * (case-insensitive), e.g. alumni-survey-2026*.csv."),
    format: z.enum(["google-forms", "qualtrics"]),
    separator: z.string().min(1).describe('How the tool joins a checkbox question\'s answers: ", " for Google Forms, "," for Qualtrics.'),
    timeZone: z.string().describe("Time zone of the export's timestamps (a Qualtrics export's own third header row wins)."),
    dateOrder: z
      .enum(["month-first", "day-first"])
      .optional()
      .describe("Google Forms timestamps: M/D/YYYY or D/M/YYYY. Left out, the export must show it (a day above 12)."),
    scope: z.object({
      lastCohortOrder: z.number().int().describe("Cohorts up to and including this order are in scope."),
      completedOnly: z.boolean().describe("Only alumni who completed the program."),
      closesOn: z.iso.date().describe("Last day a submission counts, in `timeZone`."),
      timeZone: z.string(),
    }),
    headers: z
      .record(z.string(), z.string().nullable())
      .describe("Question id -> its header text in this wave's export (a grid's stem, without the row); null or left out = not asked in this wave."),
    answers: z
      .record(z.string(), z.record(z.string(), z.string().nullable()))
      .optional()
      .describe("Question id -> answer text in this wave's export -> the option id it means, or null to keep it as Other text."),
  })
  .describe("One wave of the survey: where its exports are and how this wave worded the instrument's questions.");

export const instrumentSchema = z
  .object({
    $schema: z.string().optional(),
    cohorts: z.array(z.object({ name: z.string(), order: z.number().int(), season: z.enum(["winter", "summer"]), year: z.number().int() })),
    questions: z.array(questionSchema),
    waves: z.array(waveSchema),
  })
  .describe("The alumni survey instrument: questions, options and each wave's wording (see README, 'When a new wave arrives').");

export type InstrumentFile = z.infer<typeof instrumentSchema>;
export type WaveEntry = z.infer<typeof waveSchema>;

export type CohortName = string;
export type QuestionKind = z.infer<typeof questionSchema>["kind"];
export type QuestionId = string;
export type WaveId = string;

export interface QuestionSpec {
  id: QuestionId;
  kind: QuestionKind;
  /** Option texts, as the clean tables hold them. */
  options?: readonly string[];
  /** Option id -> option text. */
  optionIds?: ReadonlyMap<string, string>;
  otherText?: boolean;
  rows?: readonly string[];
}

export interface WaveScope {
  /** Cohorts up to and including this order are in scope. */
  lastCohortOrder: number;
  /** Only alumni who completed the program. */
  completedOnly: boolean;
  /** Last day a submission counts, in `timeZone`. */
  closesOn: string;
  timeZone: string;
}

export interface WaveSpec {
  id: WaveId;
  source: string;
  /** The export file names as the instrument file gives them (`alumni-survey-2024*.csv`). */
  files: string;
  filePattern: RegExp;
  format: "google-forms" | "qualtrics";
  /** How the tool joins a checkbox question's answers. */
  separator: string;
  /** Time zone of the export's timestamps. */
  timeZone: string;
  /** Google Forms timestamps' date order; undefined: read it from the export. */
  dateOrder?: "month-first" | "day-first";
  /** Question id -> its header text in this wave's export; the questions this wave asked. */
  headers: Partial<Record<QuestionId, string>>;
  /** Question id -> answer key -> option text, or null for "Other text" (declared, never guessed). */
  answers?: Partial<Record<QuestionId, ReadonlyMap<string, string | null>>>;
  /** Question id -> the answer texts declared, as written (a checkbox cell is split on them as on options). */
  declaredTexts?: Partial<Record<QuestionId, readonly string[]>>;
  scope: WaveScope;
  /** The instrument's questions, by id. */
  questions: ReadonlyMap<QuestionId, QuestionSpec>;
}

export interface Instrument {
  /** Where it was read from. */
  path: string;
  cohorts: readonly { name: CohortName; order: number; season: "winter" | "summer"; year: number }[];
  questions: readonly QuestionSpec[];
  waves: Record<WaveId, WaveSpec>;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

/** Validates an instrument file's JSON; any mistake is a contract error naming the file and the place in it. */
export function parseInstrument(json: unknown, path: string): Instrument {
  const file = path.split(/[\\/]/).pop()!;
  const result = instrumentSchema.safeParse(json);
  const fail = (where: string, expected: string, got?: string): never => {
    throw new ContractError(file, { column: where, expected, got });
  };
  if (!result.success) {
    const issue = result.error.issues[0];
    fail(issue.path.join("."), issue.message);
  }
  const data = result.data!;
  const questions: QuestionSpec[] = data.questions.map((q) => ({
    id: q.id,
    kind: q.kind,
    options: q.options?.map((o) => o.text),
    optionIds: q.options ? new Map(q.options.map((o) => [o.id, o.text])) : undefined,
    otherText: q.otherText,
    rows: q.rows,
  }));
  const byId = new Map(questions.map((q) => [q.id, q]));
  if (byId.size !== questions.length) fail("questions", "each question id once");
  // The clean tables and the indicators hold the shipped option texts: a folder may add options, never re-text one.
  for (const question of questions) {
    const shipped = shippedOptionIds?.get(question.id);
    for (const [option, text] of question.optionIds ?? []) {
      const was = shipped?.get(option);
      if (was !== undefined && was !== text) {
        fail(`questions.${question.id}.options.${option}`, `the shipped text '${was}' (declare a new wording under the wave's "answers" instead)`, text);
      }
    }
  }
  const waves: Record<WaveId, WaveSpec> = {};
  for (const [w, entry] of data.waves.entries()) {
    if (waves[entry.id]) fail(`waves.${w}.id`, "each wave id once", entry.id);
    const headers: Record<QuestionId, string> = {};
    for (const [question, header] of Object.entries(entry.headers)) {
      if (!byId.has(question)) fail(`waves.${w}.headers.${question}`, "a question id of `questions`", question);
      if (header !== null) headers[question] = header;
    }
    const answers: Record<QuestionId, Map<string, string | null>> = {};
    const declaredTexts: Record<QuestionId, string[]> = {};
    for (const [question, texts] of Object.entries(entry.answers ?? {})) {
      const spec = byId.get(question);
      if (!spec?.optionIds) fail(`waves.${w}.answers.${question}`, "a question with options", question);
      declaredTexts[question] = [...(spec!.options ?? []), ...Object.keys(texts)];
      answers[question] = new Map(
        Object.entries(texts).map(([text, option]) => {
          if (option !== null && !spec!.optionIds!.has(option)) {
            fail(`waves.${w}.answers.${question}`, `an option id of ${question} (${[...spec!.optionIds!.keys()].join(", ")}) or null`, option);
          }
          return [answerKey(text), option === null ? null : spec!.optionIds!.get(option)!];
        }),
      );
    }
    waves[entry.id] = {
      id: entry.id,
      source: entry.source,
      files: entry.files,
      filePattern: globToRegExp(entry.files),
      format: entry.format,
      separator: entry.separator,
      timeZone: entry.timeZone,
      dateOrder: entry.dateOrder,
      headers,
      answers,
      declaredTexts,
      scope: entry.scope,
      questions: byId,
    };
  }
  return { path, cohorts: data.cohorts, questions, waves };
}

const read = new Map<string, { text: string; instrument: Instrument }>();

/** The instrument in the file at `path`; the same object for the same text (sources are matched to waves by identity). */
export function readInstrumentFile(given: string): Instrument {
  const path = resolve(given);
  const text = readFileSync(path, "utf8");
  const known = read.get(path);
  if (known?.text === text) return known.instrument;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ContractError(path.split(/[\\/]/).pop()!, { expected: "a JSON instrument file", got: (error as Error).message });
  }
  const instrument = parseInstrument(json, path);
  read.set(path, { text, instrument });
  return instrument;
}

/** The shipped instrument's option texts, which other instruments keep (null while the shipped one itself is read). */
let shippedOptionIds: Map<string, ReadonlyMap<string, string>> | null = null;

/** The shipped instrument (data/instrument.json). */
export const shippedInstrument = readInstrumentFile(shippedInstrumentPath);
shippedOptionIds = new Map(shippedInstrument.questions.filter((q) => q.optionIds).map((q) => [q.id, q.optionIds!]));

/** The instrument file in effect for `dataDir`: the folder's own instrument.json if it has one, else the shipped one. */
function instrumentPath(dataDir: string): string {
  const own = join(dataDir, instrumentFileName);
  return existsSync(own) ? own : shippedInstrumentPath;
}

/** SHA-256 of the instrument file in effect for `dataDir`: what the clean data and the loaders' output depend on besides the exports. */
export function instrumentDigest(dataDir: string): string {
  return createHash("sha256").update(readFileSync(instrumentPath(dataDir))).digest("hex");
}

/** The instrument an exports folder is read with: its own instrument.json if it has one, else the shipped one. */
export function instrumentFor(dataDir: string): Instrument {
  const path = instrumentPath(dataDir);
  return path === shippedInstrumentPath ? shippedInstrument : readInstrumentFile(path);
}

/** Writes instrument JSON as people edit it: two-space indents, a flat object or list of words on one line. */
export function formatInstrument(value: unknown): string {
  const flat = (v: unknown) => v === null || typeof v !== "object" || (Array.isArray(v) ? v.every((x) => typeof x !== "object" || x === null) : Object.values(v as object).every((x) => typeof x !== "object" || x === null));
  const write = (v: unknown, indent: string): string => {
    if (v === null || typeof v !== "object") return JSON.stringify(v);
    const inner = `${indent}  `;
    const oneLine = (text: string) => text.length + indent.length <= 160;
    if (Array.isArray(v)) {
      if (flat(v) && oneLine(JSON.stringify(v))) return JSON.stringify(v).replace(/","/g, '", "');
      return `[\n${v.map((x) => inner + write(x, inner)).join(",\n")}\n${indent}]`;
    }
    const entries = Object.entries(v as object).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return "{}";
    const line = `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${JSON.stringify(x)}`).join(", ")} }`;
    if (flat(v) && oneLine(line) && entries.length <= 4) return line;
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(",\n")}\n${indent}}`;
  };
  return `${write(value, "")}\n`;
}

// The shipped instrument's parts under the names the rest of the code base has always imported.

export const cohorts = shippedInstrument.cohorts;
export const questions = shippedInstrument.questions;
export const waves = shippedInstrument.waves;

const shippedQuestions = new Map(questions.map((q) => [q.id, q]));

export function questionById(id: QuestionId): QuestionSpec {
  const question = shippedQuestions.get(id);
  if (!question) throw new Error(`instrument: no question '${id}'`);
  return question;
}

/** Grid answers, most valuable first; a rating's level is 5 for the first down to 1 for the last. */
export const ratingScale: readonly string[] = questionById("element_ratings").options!;

export function ratingLevel(rating: string): number {
  return ratingScale.length - ratingScale.indexOf(rating);
}

/** Columns every Google Forms export starts with. */
export const googleFormsColumns = { timestamp: "Timestamp", email: "Email Address" } as const;

/** Qualtrics metadata columns, matched by their row-1 names (stable across exports, unlike question short names). */
export const qualtricsColumns = {
  recorded: "RecordedDate",
  status: "Status",
  finished: "Finished",
  responseId: "ResponseId",
  email: "RecipientEmail",
} as const;

/** `Status` of a real response, as choice text and as a numeric-values export gives it; anything else is not a respondent's answer. */
export const qualtricsRealStatus = "IP Address";
export const qualtricsRealStatusCode = "0";

export const rosterColumns = [
  "scholar_id",
  "full_name",
  "email",
  "cohort",
  "stream",
  "program_start",
  "program_end",
  "completed",
  "extension",
] as const;

export const interestForm = {
  source: "interest-form",
  filePattern: /^interest-form-.*\.csv$/i,
  separator: ", ",
  timeZone: "America/Los_Angeles",
  headers: {
    cohort_of_interest: "Which cohort are you interested in?",
    channels: "How did you hear about us? (Select all that apply)",
    career_stage: "Current career stage",
  },
  channelOptions: [
    "Word of mouth",
    "AI safety Slack workspace",
    "AGI Safety Fundamentals",
    "80,000 Hours job board",
    "LessWrong or EA Forum",
    "Twitter/X",
    "YouTube or TikTok",
    "University AI safety group",
  ],
  careerStages: ["Undergraduate", "Master's student", "PhD student", "Postdoc", "Industry", "Other"],
} as const;

export const rosterSource = { source: "roster", filePattern: /^roster.*\.csv$/i } as const;

/** Files in the data folder that are not exports (the instrument and its schema among them). */
export const ignoredFiles = /^(\..*|readme(\..*)?|license(\..*)?|instrument(\.schema)?\.json|mask-names\.txt)$/i;

/** The JSON Schema of instrument files (data/instrument.schema.json), generated from the zod schema so editors help. */
export function instrumentJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(instrumentSchema, { io: "input" }), null, 2)}\n`;
}

/** Where the browser-safe copy of the option texts lives (the indicator definitions name options by id through it). */
export const surveyOptionsPath = fileURLToPath(new URL("../src/survey/survey-options.ts", import.meta.url));

/** The browser-safe module of every option's text by question and option id, generated from the shipped instrument. */
export function surveyOptionsModule(instrument: Instrument = shippedInstrument): string {
  const options = Object.fromEntries(instrument.questions.filter((q) => q.optionIds).map((q) => [q.id, Object.fromEntries(q.optionIds!)]));
  return `// Every option's text by question id and option id, generated from data/instrument.json by \`npm run instrument -- --schema\`.
// Do not edit: the indicator definitions (indicators.ts) name options by id through it, in the browser too.
export const surveyOptions: Record<string, Record<string, string>> = ${JSON.stringify(options, null, 2)};
`;
}
