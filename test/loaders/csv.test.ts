import assert from "node:assert/strict";
import { test } from "node:test";
import { ContractError } from "../../loaders/contract-error";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CsvReader, parseCsv, readCsvFile } from "../../loaders/csv";

test("strips a byte-order mark and reads CRLF records", () => {
  const records = parseCsv("\ufeffa,b\r\n1,2\r\n", "x.csv");
  assert.deepEqual(records.map((r) => r.cells), [["a", "b"], ["1", "2"]]);
  assert.equal(records[0].cells[0], "a");
});

test("keeps quoted newlines and doubled quotes, and each record's starting line", () => {
  const records = parseCsv('h1,h2\n"one\r\ntwo","say ""hi"""\nlast,"a,b"\n', "x.csv");
  assert.deepEqual(records[1].cells, ["one\r\ntwo", 'say "hi"']);
  assert.equal(records[1].line, 2);
  assert.equal(records[2].line, 4);
  assert.deepEqual(records[2].cells, ["last", "a,b"]);
});

test("keeps empty trailing cells and skips blank lines", () => {
  const records = parseCsv("a,b,c\n1,,\n\n2,3,4", "x.csv");
  assert.deepEqual(records.map((r) => r.cells), [["a", "b", "c"], ["1", "", ""], ["2", "3", "4"]]);
  assert.equal(records[2].line, 4);
});

test("an empty file is a contract error", () => {
  assert.throws(() => parseCsv("\ufeff\r\n", "roster.csv"), (error: unknown) => error instanceof ContractError && /roster\.csv: expected .*got 'an empty file'/.test(error.message));
});

test("an unterminated quote names the row where it starts", () => {
  assert.throws(() => parseCsv('a,b\n1,"open\n2,3\n', "x.csv"), /x\.csv row 2: expected a closing quote/);
});

test("binary data is not CSV", () => {
  assert.throws(() => parseCsv("PK\u0003\u0004\u0000\u0000", "roster.csv"), /roster\.csv: expected a CSV text file, got 'binary data'/);
});

/** Reads `text` fed to the streaming reader as bytes, cut at every given offset. */
function chunked(text: string, cuts: number[], file = "x.csv") {
  const bytes = new TextEncoder().encode(text);
  const reader = new CsvReader(file);
  const records = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    records.push(...reader.push(bytes.subarray(from, cut)));
    from = cut;
  }
  return [...records, ...reader.end()];
}

test("any chunking reads the same records as the whole text", () => {
  const text = '\ufeffh1,h2\r\n"a quoted\r\nfield","say ""hi"""\r\nplain,é€\r\n\r\nlast,"x"';
  const whole = parseCsv(text, "x.csv");
  const bytes = new TextEncoder().encode(text).length;
  for (let cut = 0; cut <= bytes; cut += 1) assert.deepEqual(chunked(text, [cut]), whole, `cut at byte ${cut}`);
  for (let size = 1; size <= 7; size += 1) {
    const cuts = Array.from({ length: Math.floor(bytes / size) }, (_, i) => (i + 1) * size);
    assert.deepEqual(chunked(text, cuts), whole, `chunks of ${size} bytes`);
  }
});

test("a BOM, a CRLF and a doubled quote split across chunks", () => {
  assert.deepEqual(chunked("\ufeffa,b\r\n1,2\r\n", [1, 2]).map((r) => r.cells), [["a", "b"], ["1", "2"]]);
  const crlf = chunked("a\r\nb\r\nc", [2]);
  assert.deepEqual(crlf.map((r) => [r.line, r.cells[0]]), [[1, "a"], [2, "b"], [3, "c"]]);
  assert.deepEqual(chunked('"x""y"', [3])[0].cells, ['x"y']);
});

test("an unterminated quote across chunks still names the row where it starts", () => {
  assert.throws(() => chunked('a,b\n1,"open\n2,3\n', [6, 9, 12]), /x\.csv row 2: expected a closing quote/);
});

test("a file is read in chunks with its physical lines", () => {
  const folder = mkdtempSync(join(tmpdir(), "workbench-csv-"));
  const path = join(folder, "x.csv");
  const rows = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? `${i},"two\nlines"` : `${i},one`));
  writeFileSync(path, `\ufeffn,text\r\n${rows.join("\r\n")}\r\n`);
  const records = [...readCsvFile(path, "x.csv", 64)];
  assert.deepEqual(records, parseCsv(readFileSync(path, "utf8"), "x.csv"));
  assert.equal(records.at(-1)!.line, 2 + 499 + Math.ceil(500 / 7));
  writeFileSync(path, "\ufeff\r\n");
  assert.throws(() => [...readCsvFile(path, "x.csv", 2)], /x\.csv: expected a CSV export with a header row, got 'an empty file'/);
});
