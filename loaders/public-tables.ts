// What the public build may ship: these pages, these columns of these clean tables, these JSON files with exactly
// these fields, nothing else. The postbuild check (loaders/public-check.ts) decodes every shipped file against it.
import { z } from "zod";
import type { TableName } from "./model.js";

// Respondent-level tables are left empty there (their pages are not part of the public site). The ledger's
// row-level tables (exclusions, flags: file and line) too: Data quality reads its counts from data-quality.json.
export const publicColumns: Partial<Record<TableName, readonly string[]>> = {
  sources: ["file", "source", "wave", "rows_in", "rows_kept", "rows_excluded"],
};

/** Pages of the public site (paths without extension; "index" is the overview). */
export const publicPages = ["index", "groups", "voices", "data-quality", "about"] as const;

const count = z.number().int().nonnegative();

/** One published figure of src/survey/report.ts (IndicatorFigure): a withheld one carries no numbers. */
const publicFigure = z
  .strictObject({
    id: z.string(),
    group: z.string().nullable(),
    numerator: count.nullable(),
    denominator: count.nullable(),
    share: z.number().min(0).max(1).nullable(),
    ci95: z.tuple([z.number(), z.number()]).nullable(),
    suppressed: z.boolean().optional(),
  })
  .refine((f) => !f.suppressed || (f.numerator === null && f.denominator === null && f.share === null && f.ci95 === null), {
    message: "a withheld figure carries numbers",
  });

/** A share with its counts, as the trends report gives it. */
const shareOf = z.strictObject({ numerator: count, denominator: count, share: z.number().min(0).max(1) });

const publicReport = z.strictObject({
  wave: z.string(),
  respondents: count.nullable(),
  excluded: z.record(z.string().regex(/^[a-z_]+$/), count.nullable()),
  indicators: z.array(publicFigure),
});

/**
 * The JSON files of the public build (by the name under `_file/data/`, hash left out), with every field allowed.
 * The figure rule they carry: computed by the public build, at the configured threshold.
 */
export function publicJson(thresholds: { minCell: number; minQuoteGroup: number }): Record<string, z.ZodType> {
  return {
    // src/data/indicators.json.ts: IndicatorTables of src/survey/report.ts.
    indicators: z.strictObject({
      build: z.literal("public"),
      minCell: z.literal(thresholds.minCell),
      waves: z.array(z.string()),
      reports: z.record(z.string(), z.record(z.string(), publicReport)),
    }),
    // src/data/quotes.json.ts: QuoteCollection of loaders/quotes.ts.
    quotes: z.strictObject({
      build: z.literal("public"),
      minGroup: z.literal(thresholds.minQuoteGroup),
      perGroup: count,
      quotes: z.array(z.strictObject({ wave: z.string(), cohort: z.string(), theme: z.string(), text: z.string() })),
      groups: z.array(z.strictObject({ wave: z.string(), theme: z.string(), cohort: z.string(), quotable: count, shown: count })),
      // Answers without consent: withheld (null) when a small count.
      withheld: count.nullable(),
    }),
    // src/data/trends.json.ts: publicTrends of loaders/trends.ts — the pooled change between waves and the verdicts.
    trends: z.strictObject({
      build: z.literal("public"),
      outcome: z.strictObject({ id: z.string(), label: z.string() }),
      waves: z.array(z.string()),
      wave_change: z
        .strictObject({
          from_wave: z.string(),
          to_wave: z.string(),
          difference: z.number(),
          ci95: z.tuple([z.number(), z.number()]),
          p: z.number().nullable(),
          paired: count,
          from: shareOf,
          to: shareOf,
          wording_changed: z.boolean(),
        })
        .nullable(),
      verdicts: z.record(z.string(), z.string()),
    }),
    // src/data/about.json.ts: the instrument's words for each wave and indicator; no respondent figures.
    about: z.strictObject({
      waves: z.array(
        z.strictObject({ id: z.string(), closesOn: z.string(), timeZone: z.string(), completedOnly: z.boolean(), cohorts: z.array(z.string()) }),
      ),
      wordingWave: z.string(),
      indicators: z.array(z.strictObject({ id: z.string(), label: z.string(), question: z.string(), counts: z.string(), of: z.string() })),
    }),
    // src/data/data-quality.json.ts (LedgerSummary of src/survey/ledger.ts): counts of export rows by file, wave,
    // reason and flag (no line, no respondent), the Data quality page's first view.
    "data-quality": z.strictObject({
      build: z.literal("public"),
      sources: z.array(
        z.strictObject({ file: z.string(), source: z.string(), wave: z.string().nullable(), rows_in: count, rows_kept: count, rows_excluded: count }),
      ),
      exclusions: z.array(z.strictObject({ wave: z.string(), reason: z.string().regex(/^[a-z_]+$/), rows: count })),
      flags: z.array(z.strictObject({ wave: z.string().nullable(), flag: z.string().regex(/^[a-z_]+$/), rows: count })),
    }),
  };
}
