// The baseline each browser figure is compared with: the same question answered by Arquero (its UMD build,
// as a plain script) over the same rows, fetched as Arrow IPC files from the same localhost server and held in
// memory. Timed inside Chromium like the site's figures.
import { copyFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { openWatchedPage } from "../test/browser/chromium.js";
import { exploreColdLoads, summary, type Summary } from "./stats.js";

export interface BaselineFigures {
  /** Navigation → Arquero loaded, wide.arrow fetched and decoded, pooled shares of every indicator computed. */
  overviewCold: Summary;
  /** Navigation → the same, then one indicator by cohort. */
  cohortsCold: Summary;
  /** One indicator by cohort for a stream filter, table in memory. */
  filterChange: Summary;
  exploreFirst: Record<string, number>;
  exploreWarm: Record<string, Summary>;
  exploreFailed?: Record<string, string>;
}

/** Writes the baseline page (Arquero from node_modules, nothing else) next to the Arrow files. */
export function writeBaselinePage(dir: string): void {
  const require = createRequire(import.meta.url);
  copyFileSync(require.resolve("arquero/dist/arquero.min.js"), join(dir, "arquero.min.js"));
  writeFileSync(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><title>Arquero baseline</title><script src="arquero.min.js"></script><body></body>`);
}

// Page-side helpers, installed before each measurement.
const helpers = `
window.__name = (f) => f; // tsx's keepNames helper, for the functions page.evaluate sends
window.bench = {
  async load(name) {
    const response = await fetch(name + ".arrow");
    return aq.fromArrow(new Uint8Array(await response.arrayBuffer()));
  },
  measured(dt) {
    return dt.columnNames().filter((c) => !["wave", "cohort", "cohort_order", "stream", "degree", "extension"].includes(c));
  },
  // Rollups are Arquero expression strings (escaped functions cannot aggregate); filters are escaped closures.
  pooled(dt, wave) {
    const spec = { respondents: "() => op.count()" };
    for (const id of bench.measured(dt)) {
      spec[id + "_n"] = "d => op.sum(d['" + id + "'] === true ? 1 : 0)";
      spec[id + "_d"] = "d => op.valid(d['" + id + "'])";
    }
    return dt.filter(aq.escape((d) => d.wave === wave)).rollup(spec).objects();
  },
  // Explore's two queries (bench/run.ts exploreQueries) in Arquero.
  explore(dt, name) {
    return name === "respondents"
      ? dt.groupby("cohort", "stream").rollup({ respondents: "() => op.count()", share_advanced: "d => op.mean(d.advanced === 'Yes' ? 1 : 0)" }).orderby(aq.desc("respondents")).objects()
      : dt.groupby("question", "option").rollup({ selections: "() => op.count()" }).orderby(aq.desc("selections")).objects();
  },
  byGroup(dt, wave, indicator, streams) {
    const only = new Set(streams);
    return dt
      .filter(aq.escape((d) => d.wave === wave && (only.size === 0 || only.has(d.stream))))
      .groupby("cohort")
      .rollup({ numerator: "d => op.sum(d['" + indicator + "'] === true ? 1 : 0)", denominator: "d => op.valid(d['" + indicator + "'])" })
      .objects();
  },
};`;

export async function baselineFigures(
  browser: Browser,
  url: string,
  { runs, sequence, exploreRuns }: { runs: number; sequence: string[][]; exploreRuns: number },
): Promise<BaselineFigures> {
  const cold = async (withCohorts: boolean) => {
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const { page, errors } = await openWatchedPage(browser);
      await page.goto(`${url}/index.html`);
      await page.evaluate(helpers);
      times.push(
        await page.evaluate(async (cohorts) => {
          const b = (window as unknown as { bench: Record<string, (...args: unknown[]) => unknown> }).bench;
          const dt = (await b.load("wide")) as { array(c: string): string[] };
          const wave = [...new Set(dt.array("wave"))].sort()[0];
          b.pooled(dt, wave);
          if (cohorts) b.byGroup(dt, wave, "published", []);
          return performance.now();
        }, withCohorts),
      );
      if (errors.length) throw new Error(`baseline: ${errors.join(" ")}`);
      await page.context().close();
    }
    return summary(times);
  };
  const overviewCold = await cold(false);
  const cohortsCold = await cold(true);

  const { page, errors } = await openWatchedPage(browser);
  await page.goto(`${url}/index.html`);
  await page.evaluate(helpers);
  const warm = (await page.evaluate(
    async ({ sequence }) => {
      const b = (window as unknown as { bench: Record<string, (...args: unknown[]) => unknown> }).bench;
      const wide = (await b.load("wide")) as { array(c: string): string[] };
      const wave = [...new Set(wide.array("wave"))].sort()[0];
      const filter: number[] = [];
      for (const streams of sequence) {
        const started = performance.now();
        b.byGroup(wide, wave, "published", streams);
        filter.push(performance.now() - started);
      }
      return { filter };
    },
    { sequence },
  )) as { filter: number[] };
  const first: Record<string, number> = {};
  const warmTimes: Record<string, number[]> = {};
  const failed: Record<string, string> = {};
  for (const name of ["respondents", "selections"]) {
    try {
      const measured = (await page.evaluate(
        async ({ name, exploreRuns }) => {
          const b = (window as unknown as { bench: Record<string, (...args: unknown[]) => unknown> }).bench;
          const query = (dt: unknown) => b.explore(dt, name);
          const started = performance.now();
          const dt = await b.load(name);
          query(dt);
          const first = performance.now() - started;
          const warm: number[] = [];
          for (let run = 0; run < exploreRuns; run += 1) {
            const again = performance.now();
            query(dt);
            warm.push(performance.now() - again);
          }
          return { first, warm };
        },
        { name, exploreRuns },
      )) as { first: number; warm: number[] };
      first[name] = measured.first;
      warmTimes[name] = measured.warm;
    } catch (error) {
      failed[name] = String((error as Error).message ?? error).split("\n")[0].slice(0, 200);
    }
  }
  if (errors.length && !Object.keys(failed).length) throw new Error(`baseline: ${errors.join(" ")}`);
  await page.context().close().catch(() => undefined);
  // The respondents' first load and query: the median of fresh pages, as Explore's first query is measured.
  if (!failed.respondents) {
    const times: number[] = [];
    for (let load = 0; load < exploreColdLoads; load += 1) {
      const { page: fresh, errors: freshErrors } = await openWatchedPage(browser);
      await fresh.goto(`${url}/index.html`);
      await fresh.evaluate(helpers);
      times.push(
        (await fresh.evaluate(async () => {
          const b = (window as unknown as { bench: Record<string, (...args: unknown[]) => unknown> }).bench;
          const started = performance.now();
          b.explore(await b.load("respondents"), "respondents");
          return performance.now() - started;
        })) as number,
      );
      if (freshErrors.length) throw new Error(`baseline: ${freshErrors.join(" ")}`);
      await fresh.context().close();
    }
    first.respondents = summary(times).median;
  }
  return {
    overviewCold,
    cohortsCold,
    filterChange: summary(warm.filter),
    exploreFirst: first,
    exploreWarm: Object.fromEntries(Object.entries(warmTimes).map(([k, v]) => [k, summary(v)])),
    ...(Object.keys(failed).length ? { exploreFailed: failed } : {}),
  };
}
