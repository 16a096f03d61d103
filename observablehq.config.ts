import { existsSync } from "node:fs";
import { buildMode, minCell, outputDir } from "./loaders/build-mode.js";
import { publicPages } from "./loaders/public-tables.js";
import { pageShellScript } from "./src/components/page-shell.js";

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
  // Framework 1.13 writes a bare <html> and puts the sidebar before the content: the page's language, a skip link and
  // the choices carried from page to page are set here (the inline script is allowed by hash in postbuild's CSP).
  head: `<link rel="icon" href="data:,">\n<script>${pageShellScript}</script>`,
  // Links name the file (./cohorts.html, ./index.html), so every page opens on any static host, from any sub-path,
  // with no rewrite rules.
  preserveExtension: true,
  preserveIndex: true,
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
    { name: "About these figures", path: "/about" },
  ]
    .filter((page) => existsSync(`src${page.path}.md`))
    .filter((page) => build === "analyst" || (publicPages as readonly string[]).includes(page.path.slice(1))),
};
