// Disclosure control for the public build, as statistical offices do it (τ-Argus, sdcTable): primary suppression of
// small cells, then secondary suppression until the disclosure auditor (loaders/disclosure-audit.ts) finds no
// withheld count that the rest of the release narrows to fewer than k values.
//
// The rule, at k = WORKBENCH_MIN_CELL (default 5): no published count — a numerator, a complement (denominator −
// numerator), a denominator or a respondent count — lies between 1 and k − 1. Zero is published: a shown 0 (or a
// complement of 0) says that none (or all) of a group of at least k gave an answer, which statistical offices publish
// for survey frequency tables, and hiding every zero would mark the cells around it. A figure is withheld whole
// (numerator, denominator, share, interval). A group of fewer than k people is withheld whole, with the next smallest
// group of its grouping. Then secondary suppression is greedy: for each count the auditor can narrow,
// withhold the figures that show the nearest, smallest value pinning it (a group of the same grouping, an indicator
// with the same denominator, an option of the same question; pooled figures last) — the first whose withholding
// widens the count, else several together, pruned to those needed — then audit again. A round that withholds
// nothing ends it (each round withholds more, so it ends); the build then audits what it shipped
// (scripts/postbuild.ts) and refuses a release it cannot clear.
import type { IndicatorFigure, IndicatorTables } from "../src/survey/report.js";
import { auditTables, degreeOptions, type FigureRef, type LinkedValue } from "./disclosure-audit.js";

/** A shown figure the rule forbids: a count, denominator or complement between 1 and threshold − 1. */
export function isSmallCell(figure: IndicatorFigure, threshold: number): boolean {
  const small = (x: number) => x >= 1 && x < threshold;
  if (figure.numerator === null) return false;
  if (figure.denominator === null) return small(figure.numerator);
  return small(figure.numerator) || small(figure.denominator) || small(figure.denominator - figure.numerator);
}

function withhold(figure: IndicatorFigure): boolean {
  if (figure.suppressed) return false;
  Object.assign(figure, { numerator: null, denominator: null, share: null, ci95: null, suppressed: true });
  return true;
}

/** How many groups' values one exposure tries alone, before it tries them together. */
const maxTries = 12;

function figureAt(tables: IndicatorTables, wave: string, ref: FigureRef): IndicatorFigure | undefined {
  return tables.reports[wave]?.[ref.grouping]?.indicators.find((f) => f.id === ref.id && f.group === ref.group);
}

/**
 * A group of fewer than k people is withheld whole, with the next smallest group of its grouping, so its size and
 * answers are not the pooled figures minus the rest. The degree grouping is the degree question: its groups' sizes
 * are the pooled degree figures, withheld with them.
 */
function smallGroups(tables: IndicatorTables, wave: string, threshold: number): void {
  for (const [grouping, report] of Object.entries(tables.reports[wave])) {
    if (grouping === "all") continue;
    const sizes = analystSizes.get(report) ?? [];
    const small = sizes.filter((s) => s.size >= 1 && s.size < threshold);
    if (!small.length) continue;
    const hidden = new Set(small.map((s) => s.group));
    let total = small.reduce((sum, s) => sum + s.size, 0);
    for (const next of sizes.filter((s) => !hidden.has(s.group)).sort((a, b) => a.size - b.size)) {
      if (hidden.size >= 2 && total >= threshold) break;
      hidden.add(next.group);
      total += next.size;
    }
    for (const f of report.indicators) if (hidden.has(f.group)) withhold(f);
    if (grouping === "degree") for (const f of tables.reports[wave].all.indicators) if (degreeOptions.has(f.id)) withhold(f);
  }
}

/** Each grouping's group sizes, read before any figure is withheld. */
const analystSizes = new WeakMap<object, { group: string | null; size: number }[]>();

/** Candidates to hide next: groups' figures before pooled ones (the headline figures stay), nearest first, smallest first. */
function candidates(linked: LinkedValue[]): LinkedValue[] {
  return [...linked].sort((a, b) => Number(a.pooled) - Number(b.pooled) || a.depth - b.depth || a.value - b.value || a.figures.length - b.figures.length);
}

/** Returns a copy of `tables` fit for the public: small cells withheld, and enough others that none can be worked out. */
export async function protectSmallCells(tables: IndicatorTables, threshold: number): Promise<IndicatorTables> {
  const copy: IndicatorTables = structuredClone(tables);
  for (const wave of copy.waves) for (const report of Object.values(copy.reports[wave]))
    analystSizes.set(report, report.indicators.filter((f) => f.id === "respondents").map((f) => ({ group: f.group, size: f.numerator ?? 0 })));
  copy.build = "public";
  copy.minCell = threshold;
  for (const wave of copy.waves) for (const report of Object.values(copy.reports[wave])) for (const f of report.indicators) if (isSmallCell(f, threshold)) withhold(f);
  for (const wave of copy.waves) smallGroups(copy, wave, threshold);
  const memo = new Map<string, [number, number] | null>();
  for (;;) {
    const { exposures } = await auditTables(copy, threshold, memo);
    let changed = false;
    for (const exposure of exposures) {
      const { wave, quantity } = exposure;
      const target = { wave, quantity, ref: { grouping: exposure.grouping, group: exposure.group, id: exposure.id } };
      const exposed = async () => (await auditTables(copy, threshold, memo, target)).exposures[0];
      const width = async () => (await exposed())?.values ?? Infinity;
      const before = await width();
      if (before >= threshold) continue; // an earlier fix this round already covered it
      // The first group's value whose withholding alone widens what the reader can infer; failing that, several
      // together (below). Pooled figures only ever in the last resort, so the headline figures stay where they can.
      const ordered = candidates(exposure.linked);
      const tried = ordered.filter((v) => !v.pooled).slice(0, maxTries);
      const hide = (value: LinkedValue) =>
        value.figures.flatMap((ref) => {
          const figure = figureAt(copy, wave, ref);
          if (!figure || figure.suppressed) return [];
          const saved = { ...figure };
          withhold(figure);
          return [() => (delete figure.suppressed, Object.assign(figure, saved))];
        });
      let fixed = false;
      for (const value of tried) {
        const undo = hide(value);
        if (!undo.length) continue;
        if ((fixed = (await width()) > before)) break;
        for (const restore of undo) restore();
      }
      if (!fixed) {
        // A count pinned by several facts at once (a table with both margins shown) needs several hidden together:
        // all groups' candidates, then pooled ones too; then each is shown again unless the widening needed it.
        const hidden: { undo: (() => void)[]; value: LinkedValue }[] = [];
        // Hiding a value exposes the values that pinned it in turn: up to three rings of groups' values, then pooled.
        let linked = ordered;
        for (const pooled of [false, false, false, true]) {
          for (const value of linked.filter((v) => v.pooled === pooled)) {
            const undo = hide(value);
            if (undo.length) hidden.push({ undo, value });
          }
          const now = await exposed();
          if ((fixed = (now?.values ?? Infinity) > before)) break;
          linked = now!.linked;
        }
        if (!fixed) for (const { undo } of hidden.reverse()) for (const restore of undo) restore();
        const achieved = fixed ? await width() : 0;
        if (fixed) for (const { value, undo } of hidden) {
          const figures = value.figures.map((ref) => figureAt(copy, wave, ref)).filter((f): f is IndicatorFigure => f !== undefined && f.suppressed === true);
          for (const restore of undo) restore();
          if ((await width()) < achieved) for (const f of figures) withhold(f);
        }
      }
      changed ||= fixed;
    }
    if (!changed) break;
  }
  return copy;
}
