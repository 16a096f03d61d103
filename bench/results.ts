// bench/RESULTS.md from bench/results.json: the machine, the targets met or not, and every figure per scale
// beside its Arquero baseline (ratio = ours ÷ baseline; below 1 is faster than the baseline).
import type { BaselineFigures } from "./baseline.js";
import { exploreColdLoads, otherPageLoads, type Summary } from "./stats.js";

export interface ScaleResult {
  respondents: number;
  measuredAt: string;
  inputMB: number;
  inputRows: number;
  generateSeconds: number | null;
  /** `cpuSeconds`: on every core, user and system (absent in runs before it was measured). */
  loaders: { seconds: number; cpuSeconds?: number; peakRssMB: number; inputMB: number; inputRows: number; outputMB: number };
  buildSeconds: number;
  /** CPU time of the build and every process it started (absent in runs before it was measured). */
  buildCpuSeconds?: number;
  /** Peak resident memory of the build and every process it started (absent in runs before it was measured). */
  buildPeakRssMB?: number;
  distMB: number;
  duckdbMB: number;
  arrowMB: number;
  rows: Record<string, number>;
  overview: { chart: Summary; card: Summary | null; bytes: Record<string, number>; wasmFetched: boolean };
  cohorts: { chart: Summary; card: Summary | null; bytes: Record<string, number>; wasmFetched: boolean };
  /** Every other page of the menu but Explore: first view, cold, and whether DuckDB-WASM was fetched before it. */
  pages?: Record<string, { chart: Summary; wasmBeforeChart: boolean }>;
  filterChange: Summary;
  /** `first`: the first run, key press to the result drawn; `firstQuery`: its query alone, to rows in the page (absent in older runs). */
  explore: { ready: number; first: Record<string, number>; firstQuery?: Record<string, number>; firstQueries?: number[]; warm: Record<string, Summary>; failed?: Record<string, string> };
  baseline: BaselineFigures;
}

export interface Results {
  machine: { cpu: string; cores?: number; memoryGiB: number; os: string; node: string; chromium: string; commit: string };
  runs: number;
  scales: ScaleResult[];
}

const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const ratio = (ours: number | undefined, base: number | undefined) => (ours !== undefined && base !== undefined && base > 0 ? `${(ours / base).toFixed(ours / base < 0.1 ? 3 : 2)}×` : "—");
const pair = (s: Summary | undefined) => (s ? `${ms(s.median)} / ${ms(s.p95)}` : "failed");
const one = (x: number | undefined) => (x === undefined ? "failed" : ms(x));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const check = (ok: boolean) => (ok ? "met" : "**not met**");

function beforeDuckDB(bytes: Record<string, number>): number {
  return (bytes.js ?? 0) + (bytes.data ?? 0);
}

/** One row per other page: its first view, cold, and "+ DuckDB" where the wasm came before it. */
function pageRows(scales: ScaleResult[], row: (label: string, cell: (s: ScaleResult) => string) => string): string {
  const names = [...new Set(scales.flatMap((s) => Object.keys(s.pages ?? {})))].sort();
  return names
    .map((name) => row(`${name}: first view, cold`, (s) => {
      const page = s.pages?.[name];
      return page ? `${pair(page.chart)}${page.wasmBeforeChart ? " + DuckDB first" : ""}` : "—";
    }))
    .join("\n");
}

export function renderResults(results: Results): string {
  const { machine, scales } = results;
  // CPU time on every core, and that time shared over the machine's cores: the least wall time the work allows.
  const seconds = (x: number) => `${x.toFixed(x < 100 ? 1 : 0)} s`;
  const cpuTime = (cpu: number | undefined) => (cpu === undefined ? "—" : `${seconds(cpu)}${machine.cores ? ` (÷ ${machine.cores} cores: ${seconds(cpu / machine.cores)})` : ""}`);
  const timed = (wall: number, digits: number, cpu: number | undefined) => `${wall.toFixed(digits)} s${cpu === undefined ? "" : `; CPU ${cpuTime(cpu)}`}`;
  const head = (label: string) => `| ${label} | ${scales.map((s) => s.respondents.toLocaleString("en")).join(" | ")} |\n|---|${scales.map(() => "---:").join("|")}|`;
  const row = (label: string, cell: (s: ScaleResult) => string) => `| ${label} | ${scales.map(cell).join(" | ")} |`;
  const at = (n: number) => scales.find((s) => s.respondents === n);
  // Each target with its scale, so the table reads one scale at a time (the sort keeps each scale's order).
  const targets: { respondents: number; label: string; measured: string; met: boolean }[] = [];
  const target = (respondents: number, label: string, measured: string, met: boolean) => targets.push({ respondents, label, measured, met });
  for (const s of scales) {
    target(s.respondents, "Overview first chart, cold, < 1 s (p95)", ms(s.overview.chart.p95), s.overview.chart.p95 < 1000);
    target(s.respondents, "Overview JS + data before DuckDB < 1 MB (and no DuckDB fetched)", `${mb(beforeDuckDB(s.overview.bytes))}${s.overview.wasmFetched ? ", DuckDB fetched" : ""}`, beforeDuckDB(s.overview.bytes) < 1e6 && !s.overview.wasmFetched);
  }
  const k100 = at(100_000);
  if (k100) target(100_000, "Filter change < 50 ms (p95)", ms(k100.filterChange.p95), k100.filterChange.p95 < 50);
  for (const s of scales) {
    const pages = Object.entries(s.pages ?? {});
    if (pages.length === 0) continue;
    const slowest = pages.reduce((a, b) => (b[1].chart.p95 > a[1].chart.p95 ? b : a));
    target(s.respondents, `Every other page's first view, cold, < 1 s (p95; slowest: ${slowest[0]})`, ms(slowest[1].chart.p95), slowest[1].chart.p95 < 1000);
    const early = pages.filter(([, p]) => p.wasmBeforeChart).map(([name]) => name);
    target(s.respondents, "No page but Explore fetches DuckDB-WASM before its first view", early.length ? early.join(", ") : "none does", early.length === 0);
    // Like with like: the query to its rows in the page (the blocks it reads fetched) against Arquero's fetch,
    // decode and query to its rows; neither draws. The drawn result is its own row below.
    const query = s.explore.firstQuery?.respondents ?? s.explore.first.respondents;
    const base = s.baseline.exploreFirst.respondents;
    target(s.respondents, "Explore: first respondents query, to its rows, faster than Arquero's fetch + decode + query", `${one(query)} vs ${one(base)}`, query !== undefined && base !== undefined && query < base);
  }
  if (k100) target(100_000, "Loaders < 6 s", timed(k100.loaders.seconds, 1, k100.loaders.cpuSeconds), k100.loaders.seconds < 6);
  const m1 = at(1_000_000);
  if (m1) {
    const first = m1.explore.first.respondents;
    target(1_000_000, "Explore: first respondents query < 3 s", one(first), first !== undefined && first < 3000);
    target(1_000_000, "Explore: selections loads", one(m1.explore.first.selections), m1.explore.first.selections !== undefined);
    target(1_000_000, "Build < 3 min", timed(m1.buildSeconds, 1, m1.buildCpuSeconds), m1.buildSeconds < 180);
    if (m1.buildPeakRssMB !== undefined) target(1_000_000, "Build < 4 GB peak memory (all its processes)", `${(m1.buildPeakRssMB / 1024).toFixed(2)} GiB`, m1.buildPeakRssMB * 2 ** 20 < 4e9);
    target(1_000_000, "Filter change < 250 ms (p95)", ms(m1.filterChange.p95), m1.filterChange.p95 < 250);
    target(1_000_000, "Loaders < 60 s", timed(m1.loaders.seconds, 1, m1.loaders.cpuSeconds), m1.loaders.seconds < 60);
    target(1_000_000, "Loaders < 2 GiB peak memory", `${(m1.loaders.peakRssMB / 1024).toFixed(2)} GiB`, m1.loaders.peakRssMB < 2048);
  }
  return `# Benchmark results

Written by \`npm run bench\` (bench/run.ts); raw figures in \`bench/results.json\`. Do not edit by hand.

**Machine:** ${machine.cpu}, ${machine.memoryGiB} GiB RAM, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium} (headless,
every non-local request blocked), site served from localhost. Commit ${machine.commit}.
Browser timings are medians / 95th percentiles of ${results.runs} runs; "cold" is a fresh browser context each run (no cache);
the pages other than Overview and Cohorts are loaded ${otherPageLoads(results.runs)} times each. Explore's first respondents query, and Arquero's
first load and query of the same rows, are the medians of ${exploreColdLoads} fresh pages each.

## Targets

| target | respondents | measured | |
|---|---:|---:|---|
${targets
  .sort((a, b) => a.respondents - b.respondents)
  .map((t) => `| ${t.label} | ${t.respondents.toLocaleString("en")} | ${t.measured} | ${check(t.met)} |`)
  .join("\n")}

## Every figure

"Ratio" is ours ÷ the baseline measured in the same run: the same question answered by Arquero over the same
rows loaded into memory from an Arrow IPC file (bench/baseline.ts). Below 1 means faster than the baseline.

${head("respondents (wave 2024)")}
${row("measured", (s) => s.measuredAt.slice(0, 16).replace("T", " "))}
${row("input CSV", (s) => `${s.inputMB.toFixed(0)} MB, ${s.inputRows.toLocaleString("en")} rows`)}
${row("loaders: exports → clean Parquet", (s) => `${s.loaders.seconds.toFixed(1)} s`)}
${row("loaders: CPU time, every core (÷ cores: the least wall time it allows)", (s) => cpuTime(s.loaders.cpuSeconds))}
${row("loaders: peak memory (RSS)", (s) => `${s.loaders.peakRssMB.toFixed(0)} MB`)}
${row("clean Parquet", (s) => `${s.loaders.outputMB.toFixed(1)} MB`)}
${row("site build (cold cache)", (s) => `${s.buildSeconds.toFixed(0)} s`)}
${row("site build: CPU time, all processes (÷ cores)", (s) => cpuTime(s.buildCpuSeconds))}
${row("site build: peak memory (RSS, all processes)", (s) => (s.buildPeakRssMB === undefined ? "—" : `${s.buildPeakRssMB.toFixed(0)} MB`))}
${row("dist/ size (of which DuckDB-WASM)", (s) => `${s.distMB.toFixed(0)} MB (${s.duckdbMB.toFixed(0)} MB)`)}
${row("Overview: JS + data fetched before its first chart", (s) => `${mb(beforeDuckDB(s.overview.bytes))}${s.overview.wasmFetched ? " + DuckDB" : ""}`)}
${row("Overview: first headline card, cold", (s) => (s.overview.card ? pair(s.overview.card) : "—"))}
${row("Overview: first chart, cold", (s) => pair(s.overview.chart))}
${row("… Arquero: load rows, every pooled share", (s) => pair(s.baseline.overviewCold))}
${row("… ratio (median)", (s) => ratio(s.overview.chart.median, s.baseline.overviewCold.median))}
${row("Cohorts: first chart, cold", (s) => pair(s.cohorts.chart))}
${row("… Arquero: load rows, one share by cohort", (s) => pair(s.baseline.cohortsCold))}
${row("… ratio (median)", (s) => ratio(s.cohorts.chart.median, s.baseline.cohortsCold.median))}
${pageRows(scales, row)}
${row("Cohorts: filter click → chart painted", (s) => pair(s.filterChange))}
${row("… Arquero: the filtered group-by alone", (s) => pair(s.baseline.filterChange))}
${row("… ratio (p95)", (s) => ratio(s.filterChange.p95, s.baseline.filterChange.p95))}
${row("Explore: page → database ready", (s) => ms(s.explore.ready))}
${row(`Explore: respondents by cohort × stream, first run, query to rows (fetches the blocks it reads; median of ${exploreColdLoads} fresh pages)`, (s) => one(s.explore.firstQuery?.respondents))}
${row("… the same run, key press to table and chart drawn", (s) => one(s.explore.first.respondents))}
${row(`… Arquero: fetch + decode + query (median of ${exploreColdLoads} fresh pages)`, (s) => one(s.baseline.exploreFirst.respondents))}
${row("Explore: same, later runs", (s) => pair(s.explore.warm.respondents))}
${row("… Arquero: query alone", (s) => pair(s.baseline.exploreWarm.respondents))}
${row("… ratio (median)", (s) => ratio(s.explore.warm.respondents?.median, s.baseline.exploreWarm.respondents?.median))}
${row("Explore: selections by question × option, first run, query to rows", (s) => one(s.explore.firstQuery?.selections))}
${row("… the same run, key press to table and chart drawn", (s) => one(s.explore.first.selections))}
${row("… Arquero: fetch + decode + query", (s) => one(s.baseline.exploreFirst.selections))}
${row("Explore: same, later runs", (s) => pair(s.explore.warm.selections))}
${row("… Arquero: query alone", (s) => pair(s.baseline.exploreWarm.selections))}
${row("… ratio (median)", (s) => ratio(s.explore.warm.selections?.median, s.baseline.exploreWarm.selections?.median))}
${row("rows: respondents / selections", (s) => `${(s.rows.respondents ?? 0).toLocaleString("en")} / ${(s.rows.selections ?? 0).toLocaleString("en")}`)}

${scales.flatMap((s) => [...Object.entries(s.explore.failed ?? {}).map(([q, why]) => `- ${s.respondents.toLocaleString("en")}: Explore ${q} failed: ${why}`), ...Object.entries(s.baseline.exploreFailed ?? {}).map(([q, why]) => `- ${s.respondents.toLocaleString("en")}: Arquero ${q} failed: ${why}`)]).join("\n")}

Our browser timings run from the click or navigation to the chart drawn on the page; Arquero's stop when the
query returns (it draws nothing), so the ratios flatter the baseline.
`;
}
