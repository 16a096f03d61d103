// Paging and sorting a result without copying it: an order of row indices, and the page's slice of it.

export const PAGE_SIZE = 100;

export type Direction = "ascending" | "descending";

/** Nulls last whichever the direction; numbers, dates and booleans by value; text by locale. */
function compare(a: unknown, b: unknown): number {
  if (a instanceof Date) a = a.getTime();
  if (b instanceof Date) b = b.getTime();
  if (typeof a === "string" && typeof b === "string") return a.localeCompare(b);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Row indices ordered by `valueAt` (a stable sort, nulls and NaN last). */
export function sortOrder(count: number, valueAt: (i: number) => unknown, direction: Direction): Uint32Array {
  const values = Array.from({ length: count }, (_, i) => valueAt(i));
  const missing = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
  const sign = direction === "ascending" ? 1 : -1;
  const order = Array.from({ length: count }, (_, i) => i).sort((i, j) => {
    const [a, b] = [values[i], values[j]];
    if (missing(a) || missing(b)) return missing(a) === missing(b) ? i - j : missing(a) ? 1 : -1;
    return sign * compare(a, b) || i - j;
  });
  return Uint32Array.from(order);
}

export interface PageBounds {
  page: number;
  pages: number;
  /** First row shown (0-based) and one past the last. */
  start: number;
  end: number;
}

/** The rows of page `page` (clamped into range; pages count from 0). */
export function pageBounds(count: number, page: number, size = PAGE_SIZE): PageBounds {
  const pages = Math.max(1, Math.ceil(count / size));
  const clamped = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { page: clamped, pages, start: clamped * size, end: Math.min(count, (clamped + 1) * size) };
}

/** "Rows 101–200 of 12,345", "No rows", "1 row". */
export function describeRows({ start, end }: PageBounds, count: number): string {
  const n = count.toLocaleString("en-US");
  if (count === 0) return "No rows";
  if (count === 1) return "1 row";
  if (start === 0 && end === count) return `${n} rows`;
  return `Rows ${(start + 1).toLocaleString("en-US")}–${end.toLocaleString("en-US")} of ${n}`;
}
