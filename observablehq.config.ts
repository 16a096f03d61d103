// Observable Framework configuration. Everything a page loads comes from this site:
// no web fonts (the default theme fetches them from Google), no CDN, no DuckDB extensions.
export default {
  root: "src",
  title: "Outcomes Workbench",
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="data:,">',
  footer: "Outcomes Workbench — built from survey exports; every figure shows its n.",
  search: false,
  // Framework's own DuckDBClient (pinned to an older DuckDB-WASM from a CDN) is never used; see src/components/database.ts.
  duckdb: { mvp: false, eh: false, extensions: { json: null, parquet: null } },
  pages: [{ name: "Engine check", path: "/engine-check" }],
};
