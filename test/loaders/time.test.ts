import assert from "node:assert/strict";
import { test } from "node:test";
import { endOfDay, monthsBetween, parseFormTimestamp, parseMonthYear, parseQualtricsTimestamp } from "../../loaders/time";

const LA = "America/Los_Angeles";

test("Google Forms timestamps are Los Angeles wall-clock time, daylight time in summer", () => {
  assert.equal(parseFormTimestamp("8/31/2024 23:30:00", LA)?.toISOString(), "2024-09-01T06:30:00.000Z");
  assert.equal(parseFormTimestamp("7/5/2024 9:05:07", LA)?.toISOString(), "2024-07-05T16:05:07.000Z");
});

test("and standard time in winter, switching on the right days", () => {
  assert.equal(parseFormTimestamp("1/15/2024 8:00:00", LA)?.toISOString(), "2024-01-15T16:00:00.000Z");
  assert.equal(parseFormTimestamp("3/11/2023 23:30:00", LA)?.toISOString(), "2023-03-12T07:30:00.000Z");
  assert.equal(parseFormTimestamp("3/12/2023 3:30:00", LA)?.toISOString(), "2023-03-12T10:30:00.000Z");
  assert.equal(parseFormTimestamp("11/5/2023 3:00:00", LA)?.toISOString(), "2023-11-05T11:00:00.000Z");
});

test("impossible or foreign timestamps are rejected", () => {
  for (const text of ["2024-13-01", "13/1/2024 10:00:00", "2/30/2024 10:00:00", "8/31/2024 24:00:00", "8/31/2024", ""]) {
    assert.equal(parseFormTimestamp(text, LA), null, text);
  }
});

test("Qualtrics timestamps are UTC", () => {
  assert.equal(parseQualtricsTimestamp("2025-08-31 23:59:59")?.toISOString(), "2025-08-31T23:59:59.000Z");
  assert.equal(parseQualtricsTimestamp("8/31/2025 23:59:59"), null);
});

test("a wave closes at midnight after its last day, in its own time zone", () => {
  assert.equal(endOfDay("2024-08-31", LA).toISOString(), "2024-09-01T07:00:00.000Z");
  assert.equal(endOfDay("2025-08-31", "UTC").toISOString(), "2025-09-01T00:00:00.000Z");
});

test("role start months in the forms people type them", () => {
  for (const text of ["March 2024", "Mar 2024", "03/2024", "3/2024", "2024-03"]) {
    assert.equal(parseMonthYear(text)?.toISOString().slice(0, 10), "2024-03-01", text);
  }
  assert.equal(parseMonthYear("not applicable"), null);
  assert.equal(parseMonthYear("N/A"), null);
  assert.equal(parseMonthYear(""), null);
  assert.equal(parseMonthYear("a while ago"), undefined);
  assert.equal(parseMonthYear("13/2024"), undefined);
});

test("months between dates, negative when the role started before the program ended", () => {
  assert.ok(Math.abs(monthsBetween(new Date("2024-01-01"), new Date("2025-01-01")) - 12.02) < 0.05);
  assert.ok(monthsBetween(new Date("2024-03-01"), new Date("2024-01-01")) < 0);
});
