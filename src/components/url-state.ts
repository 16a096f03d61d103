// A page's view (filters, choices) kept in the URL's query string, so a link reproduces the view.

export type UrlState = Record<string, string | string[]>;

/** Reads the state, each key falling back to its default; arrays are comma-joined in the URL. */
export function readUrlState<T extends UrlState>(defaults: T, search = location.search): T {
  const params = new URLSearchParams(search);
  const state = { ...defaults };
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = params.get(key);
    if (value === null) continue;
    (state as UrlState)[key] = Array.isArray(fallback) ? (value ? value.split(",").map(decodeURIComponent) : []) : value;
  }
  return state;
}

export function urlSearch(state: UrlState): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    params.set(key, Array.isArray(value) ? value.map(encodeURIComponent).join(",") : value);
  }
  return `?${params}`;
}

/** Replaces the URL's query string (no new history entry per click). */
export function writeUrlState(state: UrlState): void {
  history.replaceState(history.state, "", `${location.pathname}${urlSearch(state)}${location.hash}`);
}
