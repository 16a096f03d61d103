// The shape of an indicator report (the indicators command prints it; src/data/indicators.json holds one per
// wave and grouping) and how pages read it: figures by id, with their labels.
import { indicators } from "./indicators.js";
import type { ShareRow } from "./share-bars.js";

export interface IndicatorFigure {
  id: string;
  group: string | null;
  numerator: number;
  denominator: number | null;
  share: number | null;
  ci95: [number, number] | null;
}

export interface IndicatorReport {
  wave: string;
  respondents: number;
  excluded: Record<string, number>;
  indicators: IndicatorFigure[];
}

export interface IndicatorTables {
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

/** One indicator's figures per group, as bars with intervals (groups with no denominator left out). */
export function shareRows(report: IndicatorReport, id: string): ShareRow[] {
  return report.indicators
    .filter((f) => f.id === id && f.group !== null && f.share !== null && f.ci95 !== null)
    .map((f) => ({
      group: f.group!,
      numerator: f.numerator,
      denominator: f.denominator!,
      share: f.share!,
      lo: f.ci95![0],
      hi: f.ci95![1],
    }));
}
