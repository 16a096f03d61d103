// What every page gets before its own code runs (inlined into <head> by observablehq.config.ts): the document's
// language, a skip link, names for Framework's menu buttons, and the shared choices carried on every link.

/** Choices that follow the reader from page to page through the URL: the survey wave and the stream and cohort filters. */
export const sharedKeys = ["wave", "stream", "cohort"] as const;

/**
 * Plain browser JavaScript (no imports: it runs as an inline script). A click on a link to another page of this
 * site adds the shared choices of the current address, so the next page opens on the same wave and filters.
 */
export const pageShellScript = `document.documentElement.lang = "en";
addEventListener("DOMContentLoaded", () => {
  const skip = Object.assign(document.createElement("a"), {className: "skip-link", href: "#observablehq-main", textContent: "Skip to content"});
  document.body.prepend(skip);
  document.getElementById("observablehq-sidebar-toggle")?.setAttribute("aria-label", "Show or hide the list of pages");
  const close = document.getElementById("observablehq-sidebar-close");
  if (close) close.parentElement.before(close);
});
const sharedKeys = ${JSON.stringify(sharedKeys)};
const carry = (event) => {
  const link = event.target.closest?.("a[href]");
  if (!link) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin || !/(\\.html|\\/)$/.test(url.pathname) || url.pathname === location.pathname) return;
  const here = new URLSearchParams(location.search);
  let changed = false;
  for (const key of sharedKeys) if (here.has(key) && !url.searchParams.has(key)) { url.searchParams.set(key, here.get(key)); changed = true; }
  if (changed) link.href = url.href;
};
for (const type of ["click", "auxclick", "contextmenu", "focusin", "pointerover"]) addEventListener(type, carry, true);`;
