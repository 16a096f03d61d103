import { test } from "node:test";
import assert from "node:assert/strict";
import { columnRole, planChart } from "../../src/components/explore/chart-choice.js";

test("column roles come from Arrow type names", () => {
  assert.equal(columnRole("Float64"), "number");
  assert.equal(columnRole("Int32"), "number");
  assert.equal(columnRole("Utf8"), "category");
  assert.equal(columnRole("Bool"), "category");
  assert.equal(columnRole("Date32<DAY>"), "time");
  assert.equal(columnRole("Timestamp<MICROSECOND>"), "time");
  assert.equal(columnRole("List<Utf8>"), "other");
});

test("the result's shape picks the chart: time × number a line, category × number a bar, one number a histogram", () => {
  assert.deepEqual(planChart(["start", "cohort", "share"], { start: "Date32<DAY>", cohort: "Utf8", share: "Float64" }), {
    kind: "line",
    x: "start",
    y: "share",
  });
  assert.deepEqual(planChart(["stream", "n"], { stream: "Utf8", n: "Float64" }), { kind: "bar", x: "stream", y: "n" });
  assert.deepEqual(planChart(["months"], { months: "Float64" }), { kind: "histogram", x: "months" });
  assert.equal(planChart(["text"], { text: "Utf8" }).kind, "none");
});

test("a chosen chart the shape cannot draw says why", () => {
  const plan = planChart(["stream"], { stream: "Utf8" }, "bar");
  assert.equal(plan.kind, "none");
  assert.match(plan.reason!, /number column/);
  assert.deepEqual(planChart(["stream", "n"], { stream: "Utf8", n: "Float64" }, "histogram"), { kind: "histogram", x: "n" });
});
