// Checks a folder of exports against the survey instrument, per wave and question; --write proposes the folder's own.
// Usage: npm run instrument -- [--data DIR] [--write]
//        npm run instrument -- --schema   (after editing data/instrument.json: its JSON Schema and src/survey/survey-options.ts)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runReportingContractErrors } from "../loaders/contract-error";
import { checkFolder, proposeInstrument, type WaveCheck } from "../loaders/instrument-check";
import {
  formatInstrument,
  instrumentFileName,
  instrumentFor,
  instrumentJsonSchema,
  instrumentSchemaFileName,
  parseInstrument,
  shippedInstrumentPath,
  surveyOptionsModule,
  surveyOptionsPath,
  type InstrumentFile,
} from "../loaders/instrument";
import { command, commandArguments } from "./command-line";

const cli = command("instrument", "[--data DIR] [--write] | --schema");

const quote = (text: string) => `'${text}'`;

function describe(check: WaveCheck): string[] {
  if (check.files.length === 0) return [`wave ${check.wave}: no export in this folder`];
  const lines = [`wave ${check.wave} (${check.files.join(", ")}${check.files.length > 1 ? `; headers read from ${check.files[0]}` : ""})`];
  for (const status of check.questions) {
    if (status.status === "not found") {
      const near = status.closest.map((c) => `${quote(c.text)} (${c.score.toFixed(2)})`).join(", ") || "none";
      lines.push(`  not found   ${status.question}: expected ${quote(status.expected)}; closest headers: ${near}`);
    } else lines.push(`  ${status.status.padEnd(10)}  ${status.question}`);
  }
  for (const column of check.unknownColumns) lines.push(`  unknown column ${quote(column)}`);
  for (const answer of check.unknownAnswers) {
    const near = answer.nearest ? `nearest option ${quote(answer.nearest.text)} (${answer.nearest.score.toFixed(2)})` : "no options";
    lines.push(`  answer not an option  ${answer.question}: ${quote(answer.text)} in ${answer.respondents} submissions; ${near}`);
  }
  for (const [question, n] of Object.entries(check.rareAnswers)) {
    lines.push(`  answers not options   ${question}: ${n} given by fewer than 3 respondents each (kept as Other text; not shown)`);
  }
  return lines;
}

function needsWork(check: WaveCheck): boolean {
  return check.questions.some((q) => q.status === "not found") || check.unknownAnswers.length > 0;
}

await runReportingContractErrors(async () => {
  const values = commandArguments(cli, { write: { type: "boolean", default: false }, schema: { type: "boolean", default: false } });
  if (values.schema) {
    writeFileSync(join(shippedInstrumentPath, "..", instrumentSchemaFileName), instrumentJsonSchema());
    writeFileSync(surveyOptionsPath, surveyOptionsModule());
    return;
  }
  const dataDir = values.data!;
  const instrument = instrumentFor(dataDir);
  process.stdout.write(`instrument: ${instrument.path}\n`);
  const checks = checkFolder(dataDir);
  process.stdout.write(`${checks.flatMap(describe).join("\n")}\n`);
  if (!values.write) {
    if (checks.some(needsWork)) {
      process.stdout.write(`\nSome questions or answers are not matched: run with --write to propose ${join(dataDir, instrumentFileName)}, then review it.\n`);
      process.exitCode = 1;
    }
    return;
  }
  const json = JSON.parse(readFileSync(instrument.path, "utf8")) as InstrumentFile;
  const { instrument: proposed, proposals } = proposeInstrument(json, checks);
  proposed.$schema = existsSync(join(dataDir, instrumentSchemaFileName)) ? `./${instrumentSchemaFileName}` : join(shippedInstrumentPath, "..", instrumentSchemaFileName);
  const target = join(dataDir, instrumentFileName);
  parseInstrument(proposed, target);
  writeFileSync(target, formatInstrument(proposed));
  process.stdout.write(`\nwrote ${target}${proposals.length ? ", with these proposals to review:" : " (nothing to propose)"}\n${proposals.map((p) => `  ${p}\n`).join("")}`);
});
