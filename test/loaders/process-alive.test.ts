// A process counts as running until it ends: an unreaped (zombie) one has ended, so its work folders may go.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import test from "node:test";
import { processAlive } from "../../loaders/process-alive.js";

test("a running process is alive; an ended one, reaped or a zombie, is not", async () => {
  assert.equal(processAlive(process.pid), true);
  // `true` ends at once; its parent then becomes `sleep`, which never reaps it, so it stays a zombie for a while.
  const parent = spawn("sh", ["-c", "true & echo $!; exec sleep 3"], { stdio: ["ignore", "pipe", "ignore"] });
  const [line] = (await once(parent.stdout, "data")) as [Buffer];
  const zombie = Number(line.toString().trim());
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(processAlive(zombie), false);
  parent.kill();
  await once(parent, "exit");
  assert.equal(processAlive(zombie), false);
});
