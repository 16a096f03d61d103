// What the cleaning's parts in DuckDB share: their files and the first contract error of an export.
import type { ContractError } from "./contract-error";
import type { RawExport } from "./raw-export";

/** The exports a part cleans (with each one's index among all the data folder's files) and the key of ids. */
export interface PartFiles {
  sources: { file: string; path: string; index: number }[];
  idKey: string;
}

/** A rule broken in an export: the first row that breaks it, the rule's place among the rules of a row, and its error. */
export interface Fault {
  rowid: number;
  order: number;
  error: () => never | Promise<never>;
}

/** Throws the contract error of the export's first fault (by row, then rule), else the one that stopped its reading. */
export async function firstFault(faults: readonly Fault[], raw: RawExport): Promise<void> {
  const first = [...faults].sort((a, b) => a.rowid - b.rowid || a.order - b.order)[0];
  if (first) await first.error();
  if (raw.pending) throw raw.pending as ContractError;
}


/** Where a submission is, as the ledger's details name it (`alias` has `file` and `line`). */
const placeSql = (alias: string) => `${alias}.file || ' line ' || ${alias}.line`;

/**
 * The rows of `from` (as `s`) with the key `k0, k1, …` of `keys` beside them (CTE `keyed`), and the keys more than one
 * row shares (CTE `shared`); `sharedSql(true)` and `sharedSql(false)` keep the rows whose key is shared, or alone.
 * A window over a row alone gives what it gives any first row: only shared keys need one (most people answer once).
 */
function keyedRowsSql(from: string, keys: readonly string[]): { ctes: string; partition: string; sharedSql: (shared: boolean) => string } {
  const names = keys.map((_, i) => `k${i}`);
  const ctes = `keyed AS (SELECT s.*, ${keys.map((key, i) => `${key} AS ${names[i]}`).join(", ")} FROM ${from} AS s),
    shared AS (SELECT ${names.join(", ")} FROM keyed GROUP BY ALL HAVING count(*) > 1)`;
  const on = names.map((name) => `keyed.${name} IS NOT DISTINCT FROM shared.${name}`).join(" AND ");
  return { ctes, partition: names.join(", "), sharedSql: (shared) => `SELECT keyed.* FROM keyed ${shared ? "SEMI" : "ANTI"} JOIN shared ON ${on}` };
}

/**
 * The ledger's repeat rule over the rows (`f`, `r`, `file`, `line`) of `from`: the same submission (`sameSubmission`,
 * its key's expressions) seen in an earlier row (in file order) is a repeat. Gives each row's `nth` sighting and the
 * `first_place` it was seen.
 */
export function firstSeenSql(from: string, sameSubmission: readonly string[]): string {
  const { ctes, partition, sharedSql } = keyedRowsSql(from, sameSubmission);
  return `WITH ${ctes}
    SELECT f, r, 1 AS nth, ${placeSql("s")} AS first_place FROM (${sharedSql(false)}) AS s
    UNION ALL
    SELECT f, r, row_number() OVER same AS nth, first_value(${placeSql("s")}) OVER same AS first_place
    FROM (${sharedSql(true)}) AS s WINDOW same AS (PARTITION BY ${partition} ORDER BY f, r)`;
}

/**
 * The ledger's latest-submission rule over the rows (`f`, `r`, `file`, `line`) of `from`: of one `person`'s rows (its
 * key's expressions), in file order, each is replaced by the next at least as late (`instant`), and the last one
 * stands. Gives each row's `replaced` detail, NULL for the one that stands.
 */
export function latestPerPersonSql(from: string, person: readonly string[], instant: string): string {
  const { ctes, partition, sharedSql } = keyedRowsSql(from, person);
  return `WITH ${ctes}, latest AS (
      SELECT *, max(${instant}) OVER (PARTITION BY ${partition} ORDER BY f, r ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_at FROM (${sharedSql(true)})
    ), accepted AS (
      SELECT *, latest_at IS NULL OR ${instant} >= latest_at AS accepted, ${placeSql("latest")} AS place FROM latest
    ), chained AS (
      SELECT *, last_value(CASE WHEN accepted THEN place END IGNORE NULLS) OVER (PARTITION BY ${partition} ORDER BY f, r ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_place
      FROM accepted
    ), next AS (
      SELECT f, r, lead(place) OVER (PARTITION BY ${partition} ORDER BY f, r) AS next_place FROM accepted WHERE accepted
    )
    SELECT c.f, c.r, CASE WHEN NOT c.accepted THEN 'replaced by a later submission (' || c.latest_place || ')'
      WHEN n.next_place IS NOT NULL THEN 'replaced by a later submission (' || n.next_place || ')' END AS replaced
    FROM chained AS c LEFT JOIN next AS n ON n.f = c.f AND n.r = c.r
    UNION ALL
    SELECT f, r, NULL FROM (${sharedSql(false)})`;
}
