import assert from "node:assert/strict";
import { test } from "node:test";
import { ContractError } from "../../loaders/contract-error";
import { parseCsv } from "../../loaders/csv";

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
