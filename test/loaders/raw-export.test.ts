// An export read by DuckDB names each record by the line csv.ts gives it, however DuckDB splits the reading.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readCsvFile } from "../../loaders/csv";
import { withDuckDB } from "../../loaders/parquet";
import { addNameWords } from "../../loaders/masking";
import { fileShape, gatherRawNames, loadRawExport } from "../../loaders/raw-export";

function exportWith(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "workbench-raw-")), "export.csv");
  writeFileSync(path, lines.join("\n"));
  return path;
}

const csvLines = (path: string) => [...readCsvFile(path, "export.csv")].slice(1).map((record) => record.line);

test("a large export read in parallel keeps csv.ts's lines, quoted line breaks and all, even with insertion order off", async () => {
  const lines = ["a,b,c"];
  // Large enough (80 MB) for DuckDB to read it in pieces side by side.
  const padding = "p".repeat(32);
  for (let i = 0; i < 2_000_000; i += 1) lines.push(i % 1000 === 7 ? `${i},"two\nlines",x` : `${i},${padding},y`);
  const path = exportWith(lines);
  await withDuckDB(async (connection) => {
    await connection.run("SET preserve_insertion_order = false");
    const raw = await loadRawExport(connection, path, "export.csv", 1, "raw");
    const expected = csvLines(path);
    assert.equal(raw.rows, expected.length);
    const firstCells = (await connection.runAndReadAll("SELECT rowid, c0 FROM raw ORDER BY rowid")).getColumnsJS()[1] as string[];
    firstCells.forEach((cell, rowid) => assert.equal(cell, String(rowid), `row ${rowid} is record ${rowid} of the file`));
    assert.deepEqual(Array.from({ length: raw.rows }, (_, rowid) => raw.lineOf(rowid)), expected);
  });
});

test("an export whose records' ends are all its line breaks has each record on its own line, with or without a last break or CRLF", async () => {
  for (const [ending, last] of [["\n", ""], ["\r\n", "\r\n"], ["\n", "\n"]]) {
    const path = join(mkdtempSync(join(tmpdir(), "workbench-raw-")), "export.csv");
    writeFileSync(path, ["a,b", "1,x", '2,"quoted, no break"', "3,z"].join(ending) + last);
    await withDuckDB(async (connection) => {
      const raw = await loadRawExport(connection, path, "export.csv", 1, "raw");
      assert.equal(raw.lines, null);
      assert.deepEqual(Array.from({ length: raw.rows }, (_, rowid) => raw.lineOf(rowid)), csvLines(path));
      assert.deepEqual(Array.from({ length: raw.rows }, (_, rowid) => raw.lineOf(rowid)), [2, 3, 4]);
    });
  }
});

test("the quotes of an export say which records hold line breaks, in chunks of any size; a quote out of place leaves it to DuckDB's cells", async () => {
  const bom = "\ufeff";
  const exports: [string, string, number, boolean][] = [
    // [text, ending, header rows, quotes all in place]
    [["a,b,c", '1,"two\nlines",x', '2,"three\n""quoted""\nlines",y', '3,"",z', '4,"""",w', '5,"end ""\n""",v', "6,plain,u"].join("\n"), "\n", 1, true],
    [[`${bom}"a",b,c`, '1,"crlf\r\ninside",x', '2,"",""', '"3","x\r\n\r\ny",""'].join("\r\n") + "\r\n", "\r\n", 1, true],
    // Qualtrics: three header rows, the second with a break inside a quoted label.
    [["a,b", '"Label one","Label\ntwo"', '"{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"', '1,"multi\nline"', "2,z"].join("\n"), "\n", 3, true],
    // A stray quote in an unquoted cell (a height, 5'11"), then a multi-line cell: read as DuckDB reads it.
    [["a,b", "1,5'11\"", '2,"two\nlines"', '3,x"y"z', '4,"more\nlines"'].join("\n"), "\n", 1, false],
  ];
  for (const [text, , headerRows, inPlace] of exports) {
    const path = join(mkdtempSync(join(tmpdir(), "workbench-raw-")), "export.csv");
    writeFileSync(path, text);
    const firstLine = [...readCsvFile(path, "export.csv")][headerRows].line;
    const whole = fileShape(path, firstLine);
    assert.equal(whole.embedded === null, !inPlace, text);
    for (let chunk = 1; chunk <= 9; chunk += 1) assert.deepEqual(fileShape(path, firstLine, chunk), whole, `${chunk}-byte chunks: ${text}`);
    await withDuckDB(async (connection) => {
      const raw = await loadRawExport(connection, path, "export.csv", headerRows, "raw");
      assert.deepEqual(Array.from({ length: raw.rows }, (_, rowid) => raw.lineOf(rowid)), [...readCsvFile(path, "export.csv")].slice(headerRows).map((r) => r.line), text);
    });
  }
});

test("blank lines and stray text after a closing quote are read by csv.ts, with its lines", async () => {
  const path = exportWith(["a,b", "1,x", "", "2,\"y\"z", "3,w"]);
  await withDuckDB(async (connection) => {
    const raw = await loadRawExport(connection, path, "export.csv", 1, "raw");
    assert.deepEqual(Array.from({ length: raw.rows }, (_, rowid) => raw.lineOf(rowid)), csvLines(path));
    assert.deepEqual((await connection.runAndReadAll("SELECT c1 FROM raw ORDER BY rowid")).getColumnsJS()[0], ["x", "yz", "w"]);
  });
});

test("a record of another width stops the reading there, the rows before it read", async () => {
  const path = exportWith(["a,b", "1,x", "2,y,extra", "3,z"]);
  await withDuckDB(async (connection) => {
    const raw = await loadRawExport(connection, path, "export.csv", 1, "raw");
    assert.equal(raw.rows, 1);
    assert.equal(raw.pending?.message, "export.csv row 3: expected 2 fields as in the header row, got '3 fields'");
  });
});

test("the name words gathered from an export's name column are addNameWords' of each of its cells", async () => {
  const names = [
    "Ana Lima", "  Ana   de la Cruz ", "O'Brien-Smith", "Jean-Luc O'Neil", "Recipient Last Name", "Full name", "Ana Full name",
    "Zoë Ångström", "Ｊｏｓé Ｍａｒｔíｎｅｚ", "Fa\u00ADqui Li", "Li\u00A0Wei", "Chloé\u200BAdams", "", "x", "A B", "D'Arcy  Mc-Lean", '{"ImportId":"QID1"}',
  ];
  const path = exportWith(["Full name,b", ...names.map((name) => `"${name.replaceAll('"', '""')}",1`)]);
  await withDuckDB(async (connection) => {
    const raw = await loadRawExport(connection, path, "export.csv", 1, "raw");
    const gathered = new Set<string>();
    await gatherRawNames(connection, raw, gathered);
    const expected = new Set<string>();
    for (const name of names) addNameWords(name, expected);
    assert.deepEqual([...gathered].sort(), [...expected].sort());
  });
});
