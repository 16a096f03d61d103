// A page's view (filters, choices) kept in the URL's query string, so a link reproduces the view.
import { sharedKeys } from "./page-shell.js";

export type UrlState = Record<string, string | string[]>;

/**
 * Reads the state, each key falling back to its default; arrays are comma-joined in the URL. A value outside
 * `allowed` (an old or mistyped link) falls back too, so a link never shows a view its controls cannot.
 */
export function readUrlState<T extends UrlState>(defaults: T, search = location.search, allowed: Partial<Record<keyof T, readonly string[]>> = {}): T {
  const params = new URLSearchParams(search);
  const state = { ...defaults };
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = params.get(key);
    if (value === null) continue;
    const choices = allowed[key as keyof T];
    if (Array.isArray(fallback)) {
      const values = value ? value.split(",").map(decodeURIComponent) : [];
      (state as UrlState)[key] = choices ? values.filter((v) => choices.includes(v)) : values;
    } else if (!choices || choices.includes(value)) (state as UrlState)[key] = value;
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

/** The wave a page opens on: the one carried in the URL from the last page, else the first wave. */
export function sharedWave(waves: readonly string[], search = location.search): string {
  return readUrlState({ wave: waves[0] }, search, { wave: waves }).wave;
}

/**
 * Replaces the URL's query string (no new history entry per click). Shared choices this page does not set (a
 * filter chosen on another page) stay, so they carry on to the next page.
 */
export function writeUrlState(state: UrlState): void {
  const kept: UrlState = {};
  const current = new URLSearchParams(location.search);
  for (const key of sharedKeys) if (!(key in state) && current.has(key)) kept[key] = current.get(key)!;
  history.replaceState(history.state, "", `${location.pathname}${urlSearch({ ...kept, ...state })}${location.hash}`);
}
