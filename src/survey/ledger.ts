// The data-quality ledger's first view (rows in, kept and excluded per export file; exclusions by wave and reason;
// flags by wave), counted at build time from the clean tables `sources`, `exclusions` and `flags`.

export interface LedgerSource {
  file: string;
  source: string;
  wave: string | null;
  rows_in: number;
  rows_kept: number;
  rows_excluded: number;
}

/** Export rows left out for one reason: `wave` is the source's name for rows of no wave (roster, interest form). */
export interface LedgerCount {
  wave: string;
  reason: string;
  rows: number;
}

export interface LedgerFlagCount {
  wave: string | null;
  flag: string;
  rows: number;
}

export interface LedgerSummary {
  /** Which build counted these (the counts are the same in both; the public page offers no row-level list). */
  build: "analyst" | "public";
  sources: LedgerSource[];
  exclusions: LedgerCount[];
  flags: LedgerFlagCount[];
}

type Run = (sql: string) => Promise<Record<string, unknown>[]>;

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** Counts export rows, not people: a person's replaced submission is one row here. */
export async function ledgerSummary(run: Run, build: LedgerSummary["build"] = "analyst"): Promise<LedgerSummary> {
  const sources = await run(`SELECT file, source, wave, rows_in, rows_kept, rows_excluded FROM sources ORDER BY source, file`);
  const exclusions = await run(`SELECT coalesce(wave, source) AS wave, reason, count(*)::INTEGER AS rows FROM exclusions GROUP BY ALL ORDER BY 1, 3 DESC, 2`);
  const flags = await run(`SELECT wave, flag, count(*)::INTEGER AS rows FROM flags GROUP BY ALL ORDER BY 1, 3 DESC, 2`);
  return {
    build,
    sources: sources.map((s) => ({
      file: String(s.file),
      source: String(s.source),
      wave: text(s.wave),
      rows_in: Number(s.rows_in),
      rows_kept: Number(s.rows_kept),
      rows_excluded: Number(s.rows_excluded),
    })),
    exclusions: exclusions.map((e) => ({ wave: String(e.wave), reason: String(e.reason), rows: Number(e.rows) })),
    flags: flags.map((f) => ({ wave: text(f.wave), flag: String(f.flag), rows: Number(f.rows) })),
  };
}
