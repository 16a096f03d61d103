import { existsSync } from "node:fs";
import { buildMode, minCell, outputDir } from "./loaders/build-mode.js";
import { publicPages } from "./loaders/public-tables.js";

// Observable Framework configuration. Everything a page loads comes from this site:
// no web fonts (the default theme fetches them from Google), no CDN, no DuckDB extensions.
// WORKBENCH_BUILD=public makes the funders' site (see README); everything else is the analysts' site.
const build = buildMode();

const buildLabel =
  build === "public"
    ? `Public build: aggregates only; any share resting on fewer than ${minCell()} people is withheld.`
    : "Analyst build: holds respondent-level data. Do not share it; publish the public build instead.";

export default {
  root: "src",
  // The two builds sit side by side: dist/ (analyst) and dist-public/.
  output: outputDir(),
  title: "Outcomes Workbench",
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="data:,">',
  footer: `<span class="build-label" data-build="${build}">${buildLabel}</span> Outcomes Workbench — built from survey exports; every figure shows its n.`,
  search: false,
  // Framework's own DuckDBClient (pinned to an older DuckDB-WASM from a CDN) is never used; see src/components/database.ts.
  duckdb: { mvp: false, eh: false, extensions: { json: null, parquet: null } },
  pages: [
    { name: "Outcomes by group", path: "/groups" },
    { name: "Cohorts", path: "/cohorts" },
    { name: "Trends", path: "/trends" },
    { name: "Weighting", path: "/weighting" },
    { name: "Program elements", path: "/elements" },
    { name: "In their words", path: "/voices" },
    { name: "Applicants", path: "/applicants" },
    { name: "Data quality", path: "/data-quality" },
    { name: "Explore", path: "/explore" },
    { name: "Example question", path: "/example-question" },
    { name: "Engine check", path: "/engine-check" },
  ]
    .filter((page) => existsSync(`src${page.path}.md`))
    .filter((page) => build === "analyst" || (publicPages as readonly string[]).includes(page.path.slice(1))),
};
