// How the shipped Parquet is written, chosen by measurement: for the two tables Explore loads (respondents and
// selections), each candidate setting's file size, its decode into Arrow (the browser's decoder, run in Node),
// and a wave-filtered group-by in a single-threaded DuckDB (as in DuckDB-WASM) over a table loaded in file order.
//
//   npm run bench:parquet -- --clean bench/tmp/dist-100000/_file/data/clean [--runs 5]
//
// Writes bench/PARQUET.md. The clean folder is any build's `_file/data/clean` (npm run bench keeps one per scale).
import { readFileSync, rmSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetToArrow } from "../src/components/parquet-to-arrow.js";
import { tableSortBy } from "../loaders/model.js";
import { parquetSettings } from "../loaders/parquet.js";
import { sqlString } from "../src/survey/sql.js";
import { cleanParquetFile } from "./arrow-files.js";
import { summary } from "./stats.js";

const { values } = parseArgs({ options: { clean: { type: "string" }, runs: { type: "string", default: "5" } } });
if (!values.clean) {
  console.error("usage: npm run bench:parquet -- --clean <a build's _file/data/clean folder> [--runs 5]");
  process.exit(2);
}
const runs = Number(values.runs);
const shipped = parquetSettings();

interface Variant {
  label: string;
  /** Sort columns; null: shuffled. */
  order: string[] | null;
  compression: "snappy" | "uncompressed";
  rowGroupSize: number;
}
/** Sort orders tried besides the shipped one. */
const otherOrders: Partial<Record<string, string[]>> = { selections: ["wave", "question", "option"] };

function variantsOf(table: string): Variant[] {
  const order = tableSortBy[table as "respondents"]!;
  const candidates: Variant[] = [
    { label: "shipped", order, compression: shipped.compression, rowGroupSize: shipped.rowGroupSize },
    { label: "unsorted (shuffled)", order: null, compression: shipped.compression, rowGroupSize: shipped.rowGroupSize },
    ...(otherOrders[table] ? [{ label: `sorted by ${otherOrders[table]!.join(", ")}`, order: otherOrders[table]!, compression: shipped.compression, rowGroupSize: shipped.rowGroupSize }] : []),
    { label: "uncompressed", order, compression: "uncompressed", rowGroupSize: shipped.rowGroupSize },
    ...[16_384, 122_880, 1_048_576].map((rows) => ({
      label: `row groups of ${rows.toLocaleString("en")}`,
      order,
      compression: shipped.compression,
      rowGroupSize: rows,
    })),
  ];
  // A candidate that is what the loaders ship already is measured once, as "shipped".
  return candidates.filter(
    (v, i) => i === 0 || v.order !== order || v.compression !== shipped.compression || v.rowGroupSize !== shipped.rowGroupSize,
  );
}
const queries: Record<string, string> = {
  respondents: `SELECT cohort, stream, count(*) FROM t WHERE wave = $wave GROUP BY ALL`,
  selections: `SELECT question, option, count(*) FROM t WHERE wave = $wave GROUP BY ALL`,
};

const work = mkdtempSync(join(tmpdir(), "parquet-settings-"));
const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
const connection = await instance.connect();
const lines: string[] = [];
try {
  for (const table of Object.keys(queries)) {
    await connection.run(`CREATE OR REPLACE TABLE source AS SELECT * FROM read_parquet(${sqlString(cleanParquetFile(values.clean, table))})`);
    const rows = Number((await connection.runAndReadAll("SELECT count(*) FROM source")).getRows()[0][0]);
    const wave = String((await connection.runAndReadAll("SELECT max(wave) FROM source")).getRows()[0][0]);
    console.error(`${table}: ${rows.toLocaleString("en")} rows`);
    lines.push(`### ${table} (${rows.toLocaleString("en")} rows; shipped sorted by ${tableSortBy[table as "respondents"]!.join(", ")})`, "");
    lines.push("| setting | file | decode → Arrow (median / p95) | group-by for one wave (median / p95) |", "|---|---:|---:|---:|");
    for (const variant of variantsOf(table)) {
      const path = join(work, `${table}.parquet`);
      const order = variant.order ? `ORDER BY ${variant.order.join(", ")}` : "ORDER BY hash(rowid)";
      await connection.run(
        `COPY (SELECT * FROM source ${order}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION ${variant.compression}, ROW_GROUP_SIZE ${variant.rowGroupSize})`,
      );
      const bytes = readFileSync(path);
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const decode: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        await parquetToArrow(buffer);
        decode.push(performance.now() - started);
      }
      // A table in the file's order, as insertArrowTable builds one: its row groups' min/max let a wave filter skip.
      await connection.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_parquet(${sqlString(path)})`);
      const query: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        await connection.runAndReadAll(queries[table], { wave });
        query.push(performance.now() - started);
      }
      const d = summary(decode);
      const q = summary(query);
      lines.push(`| ${variant.label} | ${(bytes.length / 1e6).toFixed(1)} MB | ${d.median.toFixed(0)} / ${d.p95.toFixed(0)} ms | ${q.median.toFixed(1)} / ${q.p95.toFixed(1)} ms |`);
      console.error(lines.at(-1));
    }
    lines.push("");
  }
} finally {
  connection.closeSync();
  instance.closeSync();
  rmSync(work, { recursive: true, force: true });
}

const out = join(import.meta.dirname, "PARQUET.md");
writeFileSync(
  out,
  `# Parquet settings, measured

Written by \`npm run bench:parquet -- --clean ${values.clean} --runs ${runs}\` (bench/parquet-settings.ts). Do not edit by hand.

Each clean table rewritten with one setting changed from what the loaders ship (${shipped.compression}, row groups of
${shipped.rowGroupSize.toLocaleString("en")}, sorted as the heading says). "decode → Arrow" is the browser's decoder
(src/components/parquet-to-arrow.ts) run in Node; the group-by runs in a single-threaded native DuckDB (DuckDB-WASM
is single-threaded) over a table loaded in the file's order, as the browser's insert of the decoded Arrow builds it.
Medians and 95th percentiles of ${runs} runs.

${lines.join("\n")}`,
);
console.error(`wrote ${out}`);
