// The benchmark's measure of a command: the CPU time of every process it started, as the shell's `times` gives it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { childrenCpuSeconds, runMeasured } from "../../bench/process-memory";

test("the children's CPU time is the second line of `times`, user and system added", () => {
  assert.equal(childrenCpuSeconds("0m0.004000s 0m0.001000s\n4m57.290000s 0m28.920000s\n"), 297.29 + 28.92);
  assert.equal(childrenCpuSeconds("0m0.00s 0m0.00s\n0m1.50s 0m0.25s"), 1.75);
  assert.throws(() => childrenCpuSeconds("0m0.00s 0m0.00s\n"), /expected a children's user and system time/);
});

test("a command's CPU time counts the processes it starts, and a failure is reported", async () => {
  const env = { ...process.env };
  // Half a second of one core's work in a grandchild of the shell.
  const busy = `${JSON.stringify(process.execPath)} -e "const end = Date.now() + 500; while (Date.now() < end);"`;
  const measured = await runMeasured(`sh -c '${busy.replaceAll("'", "'\\''")}'`, { cwd: process.cwd(), env });
  assert.ok(measured.cpuSeconds >= 0.4 && measured.cpuSeconds < 5, `cpu ${measured.cpuSeconds}`);
  assert.ok(measured.seconds >= 0.5);
  await assert.rejects(runMeasured("exit 3", { cwd: process.cwd(), env }), /exited with 3/);
});
