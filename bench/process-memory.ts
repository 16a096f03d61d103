// Peak resident memory of a command and every process it starts, sampled from /proc (a build is many processes),
// and the CPU time they took.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

/**
 * The CPU seconds (user and system) of the shell's children, from the second line of the shell's `times`
 * ("0m1.50s 0m0.20s"): each process adds its children's once it has waited for them, so it is the whole tree's.
 */
export function childrenCpuSeconds(times: string): number {
  const line = times.trim().split("\n")[1] ?? "";
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map(([, minutes, seconds]) => Number(minutes) * 60 + Number(seconds));
  if (parts.length !== 2) throw new Error(`times: expected a children's user and system time, got '${line}'`);
  return parts[0] + parts[1];
}

/**
 * Runs `command` in a shell in its own process group; resolves with its seconds, the group's peak summed RSS and
 * the CPU seconds of every process it started and waited for.
 */
export function runMeasured(command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ seconds: number; peakRssMB: number; cpuSeconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const folder = mkdtempSync(join(tmpdir(), "workbench-times-"));
    const timesFile = join(folder, "times");
    const script = `${command}\nstatus=$?\ntimes > '${timesFile}'\nexit $status`;
    const child = spawn("sh", ["-c", script], { ...options, detached: true, stdio: ["ignore", "ignore", "inherit"] });
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, groupRssBytes(child.pid!))), 200);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(sample);
      try {
        if (code !== 0) throw new Error(`${command} exited with ${code}`);
        resolve({ seconds: (performance.now() - started) / 1000, peakRssMB: peak / 2 ** 20, cpuSeconds: childrenCpuSeconds(readFileSync(timesFile, "utf8")) });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
}
