// Peak resident memory of a command and every process it starts, sampled from /proc (a build is many processes).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** The resident bytes of every process in process group `group`, summed. */
function groupRssBytes(group: number): number {
  const page = 4096;
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command's closing parenthesis: state ppid pgrp …; rss is field 24 overall.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== group) continue;
      total += Number(fields[21]) * page;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

/** Runs `command` in a shell in its own process group; resolves with its seconds and the group's peak summed RSS. */
export function runMeasured(command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ seconds: number; peakRssMB: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("sh", ["-c", command], { ...options, detached: true, stdio: ["ignore", "ignore", "inherit"] });
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, groupRssBytes(child.pid!))), 200);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(sample);
      if (code !== 0) reject(new Error(`${command} exited with ${code}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakRssMB: peak / 2 ** 20 });
    });
  });
}
