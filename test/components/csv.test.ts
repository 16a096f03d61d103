// The house's CSV writer: RFC 4180 quoting, and formulas neutralised in text cells only.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCsv } from "../../loaders/csv";
import { csvCell, toCsv } from "../../src/components/csv";

test("text cells starting with = + - @, a tab or a CR are prefixed with an apostrophe", () => {
  const rows = [
    { text: "=HYPERLINK(\"http://x.example\",\"click\")" }, { text: "+1+1" }, { text: "-2+3" }, { text: "@SUM(A1)" },
    { text: "\t=1" }, { text: "\r=1" }, { text: "plain" }, { text: "a=b" }, { text: "" },
  ];
  assert.equal(
    toCsv(rows),
    "text\r\n\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\"\r\n'+1+1\r\n'-2+3\r\n'@SUM(A1)\r\n'\t=1\r\n\"'\r=1\"\r\nplain\r\na=b\r\n\r\n",
  );
});

test("numbers, big integers, booleans and dates are written as they are, negative ones too", () => {
  const rows = [{ n: -3, big: -12345678901234567890n, share: -0.25, ok: false, at: new Date("2024-01-02T03:04:05Z"), none: null }];
  assert.equal(toCsv(rows), "n,big,share,ok,at,none\r\n-3,-12345678901234567890,-0.25,false,2024-01-02T03:04:05.000Z,\r\n");
});

test("column names and lists are text too", () => {
  assert.equal(toCsv([{ "=cmd": 1 }]), "'=cmd\r\n1\r\n");
  assert.equal(toCsv([{ list: ["=1", "b"] }]), "list\r\n\"'=1,b\"\r\n");
});

test("a field is quoted only when it must be, and the exports reader reads it back unchanged", () => {
  const fields = ["plain", "", "a,b", 'say "hi"', "two\nlines", "cr\r\nlf", "O'Brien \\ Zoë 東京"];
  assert.deepEqual(fields.map(csvCell), ["plain", "", '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r\nlf"', "O'Brien \\ Zoë 東京"]);
  const [record] = parseCsv(`${fields.map(csvCell).join(",")}\n`, "fields.csv");
  assert.deepEqual(record.cells, fields);
});
