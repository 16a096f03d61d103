import { existsSync } from "node:fs";

// Observable Framework configuration. Everything a page loads comes from this site:
// no web fonts (the default theme fetches them from Google), no CDN, no DuckDB extensions.
export default {
  root: "src",
  // Another output folder lets two builds (e.g. analyst and public) sit side by side.
  output: process.env.WORKBENCH_OUTPUT || "dist",
  title: "Outcomes Workbench",
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="data:,">',
  footer: "Outcomes Workbench — built from survey exports; every figure shows its n.",
  search: false,
  // Framework's own DuckDBClient (pinned to an older DuckDB-WASM from a CDN) is never used; see src/components/database.ts.
  duckdb: { mvp: false, eh: false, extensions: { json: null, parquet: null } },
  pages: [
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
  ].filter((page) => existsSync(`src${page.path}.md`)),
};
