// Which chart a result's shape suggests: a bar for category × number, a line for time × number,
// a histogram for one number. Works from column types alone, so it is decided before any drawing.

export const chartKinds = ["bar", "line", "histogram", "none"] as const;
export type ChartKind = (typeof chartKinds)[number];

export type ColumnRole = "time" | "number" | "category" | "other";

/** The role of a column, from its Arrow type name (`Float64`, `Utf8`, `Date32<DAY>`, `Timestamp<MICROSECOND>`…). */
export function columnRole(arrowType: string): ColumnRole {
  if (/^(Date|Timestamp)/.test(arrowType)) return "time";
  if (/^(Int|Uint|Float|Decimal)/.test(arrowType)) return "number";
  if (/^(Utf8|LargeUtf8|Bool|Dictionary)/.test(arrowType)) return "category";
  return "other";
}

export interface ChartPlan {
  kind: ChartKind;
  /** The column on the x axis (the binned one for a histogram). */
  x?: string;
  /** The measured column (bar and line). */
  y?: string;
  /** Why there is no chart, in words. */
  reason?: string;
}

/** The columns for `kind` (or the suggested kind, for "auto"), given the result's columns and their Arrow types. */
export function planChart(columns: readonly string[], types: Record<string, string>, kind: ChartKind | "auto" = "auto"): ChartPlan {
  const of = (role: ColumnRole) => columns.filter((column) => columnRole(types[column]) === role);
  const [time, numbers, categories] = [of("time"), of("number"), of("category")];
  const firstNumberNot = (x: string | undefined) => numbers.find((column) => column !== x);
  const bar = (): ChartPlan | null => {
    const x = categories[0] ?? time[0] ?? (numbers.length > 1 ? numbers[0] : undefined);
    const y = firstNumberNot(x);
    return x && y ? { kind: "bar", x, y } : null;
  };
  const line = (): ChartPlan | null => {
    const x = time[0] ?? (numbers.length > 1 ? numbers[0] : undefined);
    const y = firstNumberNot(x);
    return x && y ? { kind: "line", x, y } : null;
  };
  const histogram = (): ChartPlan | null => (numbers[0] ? { kind: "histogram", x: numbers[0] } : null);
  const none = (reason: string): ChartPlan => ({ kind: "none", reason });
  switch (kind) {
    case "bar":
      return bar() ?? none("A bar chart needs a category (text) column and a number column.");
    case "line":
      return line() ?? none("A line chart needs a date or number column for x and another number column.");
    case "histogram":
      return histogram() ?? none("A histogram needs a number column.");
    case "none":
      return none("No chart chosen.");
    case "auto":
      if (time.length && numbers.length) return line()!;
      if (categories.length && numbers.length) return bar()!;
      if (numbers.length === 1 && columns.length === 1) return histogram()!;
      if (numbers.length) return histogram()!;
      return none("The result has no number column to chart.");
  }
}
