// The shape of an indicator report (the indicators command prints it; src/data/indicators.json holds one per
// wave and grouping) and how pages read it: figures by id, with their labels.
import { indicators } from "./indicators.js";
import type { ShareRow } from "../components/share-bars.js";

export interface IndicatorFigure {
  id: string;
  group: string | null;
  numerator: number | null;
  denominator: number | null;
  share: number | null;
  ci95: [number, number] | null;
  /** Public build: withheld because a cell was below the small-cell threshold (numbers are null). */
  suppressed?: boolean;
  /** The wave did not ask a question the indicator reads: no figure, and never 0 (numbers are null). */
  not_asked?: true;
}

export interface IndicatorReport {
  wave: string;
  respondents: number;
  excluded: Record<string, number>;
  indicators: IndicatorFigure[];
}

export interface IndicatorTables {
  /** Which build computed these: the public one suppresses small cells (see loaders/disclosure.ts). */
  build: "analyst" | "public";
  /** The small-cell threshold applied in the public build. */
  minCell: number;
  waves: string[];
  reports: Record<string, Record<string, IndicatorReport>>;
}

const labels = new Map(indicators.map((i) => [i.id, i.label]));

export function labelOf(id: string): string {
  return labels.get(id) ?? id;
}

export function figureById(report: IndicatorReport, id: string, group: string | null = null): IndicatorFigure | undefined {
  return report.indicators.find((f) => f.id === id && f.group === group);
}

/** Whether the report's wave did not ask a question the indicator reads ("not asked in this wave", never 0). */
export function notAsked(report: IndicatorReport, id: string): boolean {
  return report.indicators.some((f) => f.id === id && f.not_asked);
}

/** Groups whose figure the public build withheld (for "fewer than N" notes beside a chart). */
export function withheldGroups(report: IndicatorReport, id: string): string[] {
  return report.indicators.filter((f) => f.id === id && f.group !== null && f.suppressed).map((f) => f.group!);
}

/** One indicator's figures per group, as bars with intervals (groups with no denominator or withheld left out). */
export function shareRows(report: IndicatorReport, id: string): ShareRow[] {
  return report.indicators
    .filter((f) => f.id === id && f.group !== null && f.share !== null && f.ci95 !== null)
    .map((f) => ({
      group: f.group!,
      numerator: f.numerator!,
      denominator: f.denominator!,
      share: f.share!,
      lo: f.ci95![0],
      hi: f.ci95![1],
    }));
}
