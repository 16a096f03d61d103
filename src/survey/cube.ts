// The outcome cube: every indicator's numerator and denominator, and every select-all option's count, per
// cell of wave × cohort × stream × degree × extension, computed at build time with the one definition in
// indicators.ts. Counts of disjoint cells add up, so any slice or filter the Cohorts page offers is a sum
// over cells: the page answers a filter change without a database, in the same time at 1,000 respondents
// as at 1,000,000 (the cube grows with the number of groups, not of people). The pages and the `indicators`
// command read its slices alike; test/cube.test.ts checks every slice against SQL oracles (test/sql-oracles.ts).
import { checkboxQuestions, indicators, measuredIndicators, type IndicatorFilter } from "./indicators.js";
import { sqlString } from "./sql.js";

/** The columns a cell is keyed by, besides its wave (`cohort_order` travels with `cohort`). */
export const cellDimensions = ["cohort", "stream", "degree", "extension"] as const;
export type CellDimension = (typeof cellDimensions)[number];
export type CubeSlice = CellDimension | "wave" | null;

export interface CubeCell {
  wave: string;
  cohort: string | null;
  cohort_order: number | null;
  stream: string | null;
  degree: string | null;
  /** "true" / "false", as SQL casts a boolean to text (the Cohorts page's group labels). */
  extension: string | null;
}

export interface PopulationCell {
  wave: string;
  cohort: string | null;
  cohort_order: number | null;
  stream: string | null;
  extension: string | null;
  alumni: number;
}

export interface OutcomeCube {
  build: "analyst" | "public";
  waves: string[];
  cells: CubeCell[];
  /** Indicator id → [cell index, numerator, denominator] (the `respondents` count has denominator 0). */
  indicators: Record<string, [number, number, number][]>;
  population: PopulationCell[];
  /** Select-all question → option → [cell index, respondents who chose it]. */
  options: Record<string, Record<string, [number, number][]>>;
  /** Select-all question → [cell index, respondents who answered it]. */
  answered: Record<string, [number, number][]>;
  /** Rating grid: [cell index, element, rating level, rating, raters]. */
  ratings: [number, string, number, string, number][];
}

export interface RatingRow {
  item: string;
  group: string;
  cohort_order: number | null;
  level: number;
  label: string;
  count: number;
}

export interface SliceRow {
  id: string;
  group: string | null;
  numerator: number;
  denominator: number | null;
}

export interface OptionRow {
  group: string;
  option: string;
  numerator: number;
  denominator: number;
}

const cellColumns = "wave, cell_cohort, cell_order, cell_stream, cell_degree, cell_extension";

const cellProjection = (alias = "") => `CAST(${alias}cohort AS VARCHAR) AS cell_cohort, ${alias}cohort_order AS cell_order,
    CAST(${alias}stream AS VARCHAR) AS cell_stream, CAST(${alias}degree AS VARCHAR) AS cell_degree, CAST(${alias}extension AS VARCHAR) AS cell_extension`;

/**
 * Rows (id, wave, cell_…, numerator, denominator): every indicator per cell, all waves, over `answers` (the
 * per-respondent view the clean store keeps made, src/survey/indicators.ts respondentViewSql). Each indicator's
 * numerator and denominator are counted here, once for the pages, the CLI and the tests, in one pass over the
 * respondents: one SELECT per indicator read the view 28 times (80 s instead of 3 s at a million respondents).
 */
export function indicatorCellsSql(): string {
  const figures = [
    `{'id': 'respondents', 'numerator': count(*)::INTEGER, 'denominator': 0::INTEGER}`,
    ...measuredIndicators.map(
      (i) => `{'id': ${sqlString(i.id)}, 'numerator': count(*) FILTER (WHERE (${i.denominator}) AND (${i.numerator}))::INTEGER, 'denominator': count(*) FILTER (WHERE ${i.denominator})::INTEGER}`,
    ),
  ];
  return `WITH counted AS (
  SELECT ${cellColumns}, [
    ${figures.join(",\n    ")}
  ] AS figures
  FROM (SELECT *, ${cellProjection()} FROM answers) GROUP BY ${cellColumns}
)
SELECT figure.id AS id, ${cellColumns}, figure.numerator AS numerator, figure.denominator AS denominator
FROM (SELECT ${cellColumns}, unnest(figures) AS figure FROM counted)`;
}

/**
 * Rows (wave, cell_…, question, option, numerator): who chose each option, per cell; option NULL = answered the
 * question. Read from `answers`, whose row holds each checkbox question's options as a list: the respondents of a
 * cell who gave the same list are counted first (some tens of thousands of groups at a million respondents), then
 * each count goes to every distinct option of its list and to a NULL put first, which counts who answered.
 * Counting distinct respondents over the joined selections instead took 30 s of the cube at a million; this, 2 s.
 */
export function optionCellsSql(): string {
  const lists = checkboxQuestions.map(
    (q) => `SELECT wave, ${cellProjection()}, ${sqlString(q)} AS question, ${q} AS options, count(*) AS respondents FROM answers WHERE len(${q}) > 0 GROUP BY ALL`,
  );
  return `SELECT ${cellColumns}, question, option, sum(respondents)::INTEGER AS numerator
FROM (SELECT * EXCLUDE (options), unnest(list_prepend(NULL, list_distinct(options))) AS option FROM (
  ${lists.join("\n  UNION ALL ")}
)) GROUP BY ALL`;
}

/** Rows (wave, cell_…, element, rating_level, rating, raters): the rating grid's answers per cell. */
export function ratingCellsSql(): string {
  return `SELECT r.wave, ${cellProjection("r.")}, g.element, g.rating_level, g.rating, count(*)::INTEGER AS raters
FROM ratings g JOIN respondents r USING (respondent_id, wave)
GROUP BY ALL`;
}

export const populationCellsSql = `SELECT wave, CAST(cohort AS VARCHAR) AS cohort, cohort_order, CAST(stream AS VARCHAR) AS stream,
  CAST(extension AS VARCHAR) AS extension, alumni::INTEGER AS alumni FROM population ORDER BY wave, cohort_order, cohort, stream, extension`;

type Row = Record<string, unknown>;
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** Assembles the cube from the three queries' rows (as any DuckDB client returns them). */
export function assembleCube(indicatorRows: Row[], optionRows: Row[], populationRows: Row[], ratingRows: Row[] = [], build: "analyst" | "public" = "analyst"): OutcomeCube {
  const cells: CubeCell[] = [];
  const index = new Map<string, number>();
  const cellOf = (row: Row): number => {
    const cell: CubeCell = {
      wave: String(row.wave),
      cohort: text(row.cell_cohort),
      cohort_order: row.cell_order === null || row.cell_order === undefined ? null : Number(row.cell_order),
      stream: text(row.cell_stream),
      degree: text(row.cell_degree),
      extension: text(row.cell_extension),
    };
    const key = JSON.stringify(cell);
    let at = index.get(key);
    if (at === undefined) {
      at = cells.push(cell) - 1;
      index.set(key, at);
    }
    return at;
  };
  const cube: OutcomeCube = { build, waves: [], cells, indicators: {}, population: [], options: {}, answered: {}, ratings: [] };
  for (const row of indicatorRows) {
    (cube.indicators[String(row.id)] ??= []).push([cellOf(row), Number(row.numerator), Number(row.denominator)]);
  }
  for (const row of optionRows) {
    const question = String(row.question);
    const entry: [number, number] = [cellOf(row), Number(row.numerator)];
    if (row.option === null || row.option === undefined) (cube.answered[question] ??= []).push(entry);
    else ((cube.options[question] ??= {})[String(row.option)] ??= []).push(entry);
  }
  for (const row of ratingRows) {
    cube.ratings.push([cellOf(row), String(row.element), Number(row.rating_level), String(row.rating), Number(row.raters)]);
  }
  cube.population = populationRows.map((row) => ({
    wave: String(row.wave),
    cohort: text(row.cohort),
    cohort_order: row.cohort_order === null ? null : Number(row.cohort_order),
    stream: text(row.stream),
    extension: text(row.extension),
    alumni: Number(row.alumni),
  }));
  cube.waves = [...new Set(cells.map((c) => c.wave))].sort();
  return cube;
}

function inFilter(cell: { cohort: string | null; stream: string | null }, filter: IndicatorFilter): boolean {
  if (filter.cohort?.length && (cell.cohort === null || !filter.cohort.includes(cell.cohort))) return false;
  if (filter.stream?.length && (cell.stream === null || !filter.stream.includes(cell.stream))) return false;
  return true;
}

/** Orders groups as the SQL does: by their first cohort, unknown last, then null first, then by name. */
function byGroupOrder(firstOrder: Map<string | null, number>) {
  return (a: string | null, b: string | null) => {
    const oa = firstOrder.get(a) ?? Number.POSITIVE_INFINITY;
    const ob = firstOrder.get(b) ?? Number.POSITIVE_INFINITY;
    if (oa !== ob) return oa < ob ? -1 : 1;
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    return a < b ? -1 : 1;
  };
}

function lowerOrder(orders: Map<string | null, number>, group: string | null, order: number | null): void {
  if (order === null) return;
  const known = orders.get(group);
  if (known === undefined || order < known) orders.set(group, order);
}

const populationSlices: readonly CubeSlice[] = [null, "cohort", "stream", "extension"];

/** Every indicator of `wave`, pooled or by group, summed from the cube (the rows of the oracle `indicatorSql`). */
export function sliceIndicators(cube: OutcomeCube, { wave, by = null, filter = {} }: { wave: string; by?: CellDimension | null; filter?: IndicatorFilter }): SliceRow[] {
  const inScope = cube.cells.map((cell) => cell.wave === wave && inFilter(cell, filter));
  const groupOf = (cell: CubeCell): string | null => (by ? cell[by] : null);
  const firstOrder = new Map<string | null, number>();
  cube.cells.forEach((cell, i) => inScope[i] && lowerOrder(firstOrder, groupOf(cell), cell.cohort_order));
  const sums = (id: string) => {
    const groups = new Map<string | null, [number, number]>();
    for (const [cell, numerator, denominator] of cube.indicators[id] ?? []) {
      if (!inScope[cell]) continue;
      const group = groupOf(cube.cells[cell]);
      const sum = groups.get(group) ?? [0, 0];
      sum[0] += numerator;
      sum[1] += denominator;
      groups.set(group, sum);
    }
    return groups;
  };
  const respondents = sums("respondents");
  const rows: SliceRow[] = [];
  for (const indicator of indicators) {
    if (indicator.id === "respondents") {
      for (const [group, [n]] of respondents) rows.push({ id: indicator.id, group, numerator: n, denominator: null });
    } else if (indicator.id === "response_rate") {
      if (populationSlices.includes(by)) {
        const alumni = new Map<string | null, number>();
        for (const row of cube.population) {
          if (row.wave !== wave || !inFilter(row, filter)) continue;
          const group = by ? (row as unknown as Record<string, string | null>)[by] : null;
          alumni.set(group, (alumni.get(group) ?? 0) + row.alumni);
          lowerOrder(firstOrder, group, row.cohort_order);
        }
        for (const [group, denominator] of alumni) rows.push({ id: indicator.id, group, numerator: respondents.get(group)?.[0] ?? 0, denominator });
      } else {
        for (const [group, [n]] of respondents) rows.push({ id: indicator.id, group, numerator: n, denominator: null });
      }
    } else {
      for (const [group, [numerator, denominator]] of sums(indicator.id)) rows.push({ id: indicator.id, group, numerator, denominator });
    }
  }
  const position = new Map(indicators.map((i, at) => [i.id, at]));
  const groupOrder = byGroupOrder(firstOrder);
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)! || groupOrder(a.group, b.group));
}

/** A select-all question as "% of respondents" per group, summed from the cube (ties in count by option name). */
export function sliceOptions(cube: OutcomeCube, { waves, question, by = null, filter = {} }: { waves: readonly string[]; question: string; by?: CubeSlice; filter?: IndicatorFilter }): OptionRow[] {
  const inScope = cube.cells.map((cell) => waves.includes(cell.wave) && inFilter(cell, filter));
  // SQL joins groups by equality, so respondents whose group is NULL (no degree given) drop out there too.
  const groupOf = (cell: CubeCell): string | null => (by === null ? "All respondents" : cell[by]);
  const firstOrder = new Map<string | null, number>();
  cube.cells.forEach((cell, i) => inScope[i] && lowerOrder(firstOrder, groupOf(cell), cell.cohort_order));
  const add = (totals: Map<string, number>, key: string, n: number) => totals.set(key, (totals.get(key) ?? 0) + n);
  const denominators = new Map<string, number>();
  const groupIn = (cell: number) => (inScope[cell] ? groupOf(cube.cells[cell]) : null);
  for (const [cell, n] of cube.answered[question] ?? []) {
    const group = groupIn(cell);
    if (group !== null) add(denominators, group, n);
  }
  const rows: OptionRow[] = [];
  for (const [option, entries] of Object.entries(cube.options[question] ?? {})) {
    const counts = new Map<string, number>();
    for (const [cell, n] of entries) {
      const group = groupIn(cell);
      if (group !== null) add(counts, group, n);
    }
    for (const [group, numerator] of counts) rows.push({ group, option, numerator, denominator: denominators.get(group)! });
  }
  const groupOrder = byGroupOrder(firstOrder);
  return rows.sort((a, b) => groupOrder(a.group, b.group) || b.numerator - a.numerator || (a.option < b.option ? -1 : a.option > b.option ? 1 : 0));
}

// DuckDB returns grouped rows in any order: sorted, the cube (and so each build's cube.json) is the same every time.
const sorted = (sql: string) => `SELECT * FROM (${sql}) ORDER BY ALL`;

/** Runs the cube's queries with `run` (native DuckDB at build time, or DuckDB-WASM) and assembles it. */
export async function buildCube(run: (sql: string) => Promise<Row[]>, build: "analyst" | "public" = "analyst"): Promise<OutcomeCube> {
  return assembleCube(await run(sorted(indicatorCellsSql())), await run(sorted(optionCellsSql())), await run(sorted(populationCellsSql)), await run(sorted(ratingCellsSql())), build);
}

/** The cube's indicator and population cells only (no options, no ratings): all an indicator report sums. */
export async function buildIndicatorCube(run: (sql: string) => Promise<Row[]>, build: "analyst" | "public" = "analyst"): Promise<OutcomeCube> {
  return assembleCube(await run(sorted(indicatorCellsSql())), [], await run(sorted(populationCellsSql)), [], build);
}

export interface CohortStreamCell {
  cohort: string | null;
  stream: string | null;
  respondents: number;
  /** Indicator id → [numerator, denominator] within the cell. */
  counts: Record<string, [number, number]>;
}

/** One wave's cube summed to cohort × stream cells: what raking to the roster needs (src/weighting.md). */
export function cohortStreamCells(cube: OutcomeCube, wave: string, ids: readonly string[]): CohortStreamCell[] {
  const cells = new Map<string, CohortStreamCell>();
  const cellOf = (index: number): CohortStreamCell | null => {
    const cell = cube.cells[index];
    if (cell.wave !== wave) return null;
    const key = JSON.stringify([cell.cohort, cell.stream]);
    let found = cells.get(key);
    if (!found) cells.set(key, (found = { cohort: cell.cohort, stream: cell.stream, respondents: 0, counts: Object.fromEntries(ids.map((id) => [id, [0, 0]])) }));
    return found;
  };
  for (const [index, n] of cube.indicators.respondents ?? []) {
    const cell = cellOf(index);
    if (cell) cell.respondents += n;
  }
  for (const id of ids) {
    for (const [index, numerator, denominator] of cube.indicators[id] ?? []) {
      const cell = cellOf(index);
      if (!cell) continue;
      cell.counts[id][0] += numerator;
      cell.counts[id][1] += denominator;
    }
  }
  return [...cells.values()];
}

/** How many raters gave each element each rating, pooled or by cohort: what the Program elements page draws. */
export function sliceRatings(cube: OutcomeCube, { wave, byCohort }: { wave: string; byCohort: boolean }): RatingRow[] {
  const rows = new Map<string, RatingRow>();
  for (const [index, item, level, label, count] of cube.ratings) {
    const cell = cube.cells[index];
    if (cell.wave !== wave) continue;
    const group = byCohort ? String(cell.cohort) : "All respondents";
    const key = JSON.stringify([item, group, level, label]);
    const row = rows.get(key) ?? { item, group, cohort_order: cell.cohort_order, level, label, count: 0 };
    row.count += count;
    if (cell.cohort_order !== null && (row.cohort_order === null || cell.cohort_order < row.cohort_order)) row.cohort_order = cell.cohort_order;
    rows.set(key, row);
  }
  const order = (x: number | null) => (x === null ? Number.POSITIVE_INFINITY : x);
  return [...rows.values()].sort(
    (a, b) => order(a.cohort_order) - order(b.cohort_order) || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0) || b.level - a.level,
  );
}
