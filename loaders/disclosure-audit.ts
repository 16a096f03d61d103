// The disclosure auditor: every linear fact a hostile reader knows about the public figures, and LP bounds on every withheld count.
//
// What a reader of the public release knows, per wave (waves share no figure, so each is a separate system):
// - every shown numerator, denominator and respondent count (the JSON as shipped);
// - each grouping (cohort, stream, degree, extension) partitions the wave's respondents, so the groups' counts of
//   any quantity sum to the pooled count (respondents without a degree form the group `null` of "degree");
// - indicators with the same denominator definition count the same people (src/components/indicators.ts), and
//   `respondents`, `response_rate`'s numerator and an "of all respondents" denominator are one count;
// - 0 ≤ numerator ≤ denominator ≤ respondents ≤ alumni;
// - the instrument's logic (INSTRUMENT.md): options of one question nested or exclusive, follow-up questions
//   shown only to those who said Yes, and the degree grouping being the degree question itself.
// Counts are relaxed to real numbers (the LP bounds contain the integer bounds, so the check errs on the safe side).
// A withheld count — numerator, denominator or complement of a withheld figure — passes when its feasible
// interval holds at least k whole numbers, or when no value in it lies between 1 and k − 1 (pinned to 0 or to k
// and more, it says no more than the rule lets a shown figure say; τ-Argus likewise asks protection only of
// sensitive cells). A shown figure fails the rule itself when a count of it lies between 1 and k − 1. The exclusion ledger (rows of the exports dropped, by reason) is not
// broken down by any group and is not a count of people by an answer, so it is not part of the system.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import highsLoader from "highs";
import { minCell } from "./build-mode.js";
import { indicators } from "../src/survey/indicators.js";
import type { IndicatorFigure, IndicatorTables } from "../src/survey/report.js";
import type { LedgerSummary } from "../src/survey/ledger.js";

/** One figure of the release: which report and row. */
export interface FigureRef {
  grouping: string;
  group: string | null;
  id: string;
}

/** A value the reader knows and that takes part in a fact touching a withheld count: withholding `figures` hides it. */
export interface LinkedValue {
  value: number;
  pooled: boolean;
  figures: FigureRef[];
  /** How many unknown counts lie between it and the exposed one (0: they share a fact). */
  depth: number;
}

/** A withheld count the published figures pin down to fewer than k whole numbers. */
export interface Exposure extends FigureRef {
  wave: string;
  quantity: "numerator" | "denominator" | "complement";
  /** How many whole numbers the count can still be (never the count itself). */
  values: number;
  /** Which independent part of the wave's system it sits in (fixes to different components do not interact). */
  component: number;
  linked: LinkedValue[];
}

export interface TablesAudit {
  ok: boolean;
  /** One line each; names figures and widths, never a count of people. */
  problems: string[];
  exposures: Exposure[];
  withheldPerWave: Record<string, number>;
  /** The fewest whole numbers a withheld count that could be 1 to k − 1 can still be (null when there is none). */
  narrowestWidth: number | null;
  /** Figures in the release (shown and withheld). */
  cells: number;
  /** Linear programs solved. */
  programs: number;
}

export interface ReleaseAudit {
  ok: boolean;
  problems: string[];
  withheldPerWave: Record<string, number>;
  narrowestWidth: number | null;
  cells: number;
  millis: number;
}

type Op = "=" | "<=";
interface Fact {
  terms: Map<string, number>;
  op: Op;
}

// Slots: which count of a (grouping, group) a figure's numerator or denominator is.
const RESPONDENTS = "#respondents";
const ALUMNI = "#alumni";
const definitions = new Map(indicators.map((i) => [i.id, i]));
/** The population (roster) has no degree, so response rates by degree have no denominator. */
const groupingsWithoutPopulation = new Set(["degree"]);

function numeratorSlot(id: string): string {
  return id === "respondents" || id === "response_rate" ? RESPONDENTS : `n:${id}`;
}

function denominatorSlot(id: string, grouping: string): string | null {
  if (id === "respondents") return null;
  if (id === "response_rate") return groupingsWithoutPopulation.has(grouping) ? null : ALUMNI;
  const definition = definitions.get(id);
  if (!definition) return `d:${id}`;
  return definition.denominator === "TRUE" ? RESPONDENTS : `d:${definition.denominator}`;
}

/** Options of the degree question, by the indicator that counts them (parsed from its SQL, so there is one definition). */
export const degreeOptions = new Map(
  indicators.flatMap((i) => {
    const match = /^degree = '(.*)'$/.exec(i.numerator);
    return match && i.denominator === "degree IS NOT NULL" ? [[i.id, match[1].replaceAll("''", "'")] as const] : [];
  }),
);

type Term = [coefficient: number, id: string, quantity: "n" | "d"];
/** The instrument's logic, as linear facts within one group (INSTRUMENT.md; each holds for every respondent). */
const relations: { terms: Term[]; op: Op }[] = [
  // Q5: alignment (any) = at an organisation OR independent.
  { terms: [[1, "work_alignment_org", "n"], [-1, "work_alignment_any", "n"]], op: "<=" },
  { terms: [[1, "work_alignment_independent", "n"], [-1, "work_alignment_any", "n"]], op: "<=" },
  { terms: [[1, "work_alignment_any", "n"], [-1, "work_alignment_org", "n"], [-1, "work_alignment_independent", "n"]], op: "<=" },
  // Q4 is single choice: its options' counts add up to at most those who answered.
  { terms: [...[...degreeOptions.keys()].map((id): Term => [1, id, "n"]), [-1, [...degreeOptions.keys()][0] ?? "degree_bachelors", "d"]], op: "<=" },
  // Q8 and Q10 are shown only if Q7 = Yes.
  { terms: [[1, "accepted_offer", "d"], [-1, "advanced_past_first_round", "n"]], op: "<=" },
  { terms: [[1, "hiring_skills", "d"], [-1, "advanced_past_first_round", "n"]], op: "<=" },
  // Q12 and Q13 are shown only if Q11 = Yes.
  { terms: [[1, "published_lesswrong", "n"], [-1, "published", "n"]], op: "<=" },
  { terms: [[1, "publication_counterfactual", "d"], [-1, "published", "n"]], op: "<=" },
  { terms: [[1, "publication_sped_up_gt6m", "n"], [-1, "publication_counterfactual", "d"]], op: "<=" },
  { terms: [[1, "publication_quality_much_higher", "n"], [-1, "publication_counterfactual", "d"]], op: "<=" },
  // Q23: "None of these" excludes the other options.
  { terms: [[1, "no_connections", "n"], [1, "met_collaborator", "n"], [-1, "no_connections", "d"]], op: "<=" },
  { terms: [[1, "no_connections", "n"], [1, "met_mentor", "n"], [-1, "no_connections", "d"]], op: "<=" },
];

/** A figure as problems name it: wave, grouping, group (the group without a value, e.g. no degree, as "(none)"), indicator. */
export function describe(wave: string, ref: FigureRef): string {
  return `${wave} ${ref.grouping}${ref.grouping === "all" ? "" : ` '${ref.group ?? "(none)"}'`} ${ref.id}`;
}

const key = (grouping: string, group: string | null, slot: string) => JSON.stringify([grouping, group, slot]);
const isWithheld = (f: IndicatorFigure) => f.suppressed === true || f.numerator === null;

/** What one wave of the release tells a reader: known counts, unknown counts, and the facts linking them. */
class WaveSystem {
  readonly known = new Map<string, number>();
  readonly carriers = new Map<string, FigureRef[]>();
  readonly facts: Fact[] = [];
  readonly problems: string[] = [];
  readonly targets: { ref: FigureRef; quantity: Exposure["quantity"]; terms: Map<string, number> }[] = [];
  readonly slots = new Map<string, Set<string>>();
  cells = 0;
  withheld = 0;

  constructor(readonly wave: string, tables: IndicatorTables, readonly k: number) {
    const reports = tables.reports[wave];
    for (const [grouping, report] of Object.entries(reports)) {
      this.learn(key("all", null, RESPONDENTS), report.respondents, null);
      for (const figure of report.indicators) this.figure(grouping, figure);
    }
    this.partitions(Object.keys(reports));
    this.groupFacts();
  }

  private where(ref: FigureRef): string {
    return describe(this.wave, ref);
  }

  private learn(variable: string, value: number, ref: FigureRef | null): void {
    const before = this.known.get(variable);
    if (before !== undefined && before !== value) this.problems.push(`${ref ? this.where(ref) : this.wave}: two published figures disagree on one count`);
    this.known.set(variable, value);
    if (ref) (this.carriers.get(variable) ?? this.carriers.set(variable, []).get(variable)!).push(ref);
  }

  private slotsOf(grouping: string, group: string | null): Set<string> {
    const at = JSON.stringify([grouping, group]);
    return this.slots.get(at) ?? this.slots.set(at, new Set()).get(at)!;
  }

  private figure(grouping: string, f: IndicatorFigure): void {
    const ref: FigureRef = { grouping, group: grouping === "all" ? null : f.group, id: f.id };
    const groupKey = grouping === "all" ? "all" : grouping;
    const n = key(groupKey, ref.group, numeratorSlot(f.id));
    const dSlot = denominatorSlot(f.id, grouping);
    const d = dSlot === null ? null : key(groupKey, ref.group, dSlot);
    const slots = this.slotsOf(groupKey, ref.group);
    slots.add(numeratorSlot(f.id));
    if (dSlot) slots.add(dSlot);
    this.cells++;
    if (!isWithheld(f)) {
      this.learn(n, f.numerator!, ref);
      if (d !== null && f.denominator !== null) this.learn(d, f.denominator, ref);
      this.rule(ref, f);
    } else {
      this.withheld++;
      this.targets.push({ ref, quantity: "numerator", terms: new Map([[n, 1]]) });
      if (d !== null) {
        this.targets.push({ ref, quantity: "denominator", terms: new Map([[d, 1]]) });
        this.targets.push({ ref, quantity: "complement", terms: new Map([[d, 1], [n, -1]]) });
      }
    }
    if (d !== null) this.facts.push({ terms: new Map([[n, 1], [d, -1]]), op: "<=" });
  }

  /** The primary rule on a shown figure: no count, and no complement, between 1 and k − 1. */
  private rule(ref: FigureRef, f: IndicatorFigure): void {
    const small = (x: number) => x >= 1 && x < this.k;
    if (small(f.numerator!)) this.problems.push(`${this.where(ref)}: a count between 1 and ${this.k - 1} is shown`);
    if (f.denominator !== null && small(f.denominator)) this.problems.push(`${this.where(ref)}: a denominator between 1 and ${this.k - 1} is shown`);
    if (f.denominator !== null && small(f.denominator - f.numerator!)) this.problems.push(`${this.where(ref)}: a complement between 1 and ${this.k - 1} is shown`);
  }

  /** Each grouping's groups add up to the pooled count, for every count both sides have. */
  private partitions(groupings: string[]): void {
    const pooled = this.slotsOf("all", null);
    for (const grouping of groupings.filter((g) => g !== "all")) {
      const groups = [...this.slots.keys()].map((at) => JSON.parse(at) as [string, string | null]).filter(([g]) => g === grouping).map(([, group]) => group);
      for (const slot of pooled) {
        if (!groups.every((group) => this.slotsOf(grouping, group).has(slot))) continue;
        const terms = new Map(groups.map((group) => [key(grouping, group, slot), 1]));
        terms.set(key("all", null, slot), -1);
        this.facts.push({ terms, op: "=" });
      }
    }
  }

  /** Facts inside one group: counts of answers within respondents within alumni, the instrument's logic, degree. */
  private groupFacts(): void {
    for (const [at, slots] of this.slots) {
      const [grouping, group] = JSON.parse(at) as [string, string | null];
      const v = (slot: string) => key(grouping, group, slot);
      const has = (slot: string) => slots.has(slot);
      for (const slot of slots) if (slot.startsWith("d:")) this.facts.push({ terms: new Map([[v(slot), 1], [v(RESPONDENTS), -1]]), op: "<=" });
      if (has(ALUMNI) && has(RESPONDENTS)) this.facts.push({ terms: new Map([[v(RESPONDENTS), 1], [v(ALUMNI), -1]]), op: "<=" });
      for (const relation of relations) {
        const terms = new Map<string, number>();
        let complete = true;
        for (const [coefficient, id, quantity] of relation.terms) {
          const slot = quantity === "n" ? numeratorSlot(id) : denominatorSlot(id, grouping);
          if (!slot || !has(slot)) complete = false;
          else terms.set(v(slot), (terms.get(v(slot)) ?? 0) + coefficient);
        }
        if (complete) this.facts.push({ terms, op: relation.op });
      }
      if (grouping !== "degree") continue;
      // The degree grouping is Q4 itself: a group's members all gave that degree, and no other.
      for (const [id, option] of degreeOptions) {
        const n = numeratorSlot(id);
        const d = denominatorSlot(id, grouping)!;
        if (has(d)) this.facts.push({ terms: new Map([[v(d), 1], ...(group === null ? [] : [[v(RESPONDENTS), -1] as [string, number]])]), op: "=" });
        if (has(n)) this.facts.push({ terms: new Map([[v(n), 1], ...(group === option ? [[v(RESPONDENTS), -1] as [string, number]] : [])]), op: "=" });
      }
    }
  }

  /**
   * Known values that pin the unknowns `from`: those in a fact with them first, then those one unknown further,
   * and so on (a count is often pinned two facts away: a group's size shown by another indicator of that group).
   */
  linked(from: Iterable<string>): LinkedValue[] {
    if (!this.factsOf) {
      this.factsOf = new Map();
      for (const fact of this.facts) for (const x of fact.terms.keys()) (this.factsOf.get(x) ?? this.factsOf.set(x, []).get(x)!).push(fact);
    }
    const out: LinkedValue[] = [];
    const seen = new Set<string>(from);
    let frontier = [...seen];
    for (let depth = 0; frontier.length; depth++) {
      const next: string[] = [];
      for (const x of frontier) {
        for (const fact of this.factsOf.get(x) ?? []) {
          for (const y of fact.terms.keys()) {
            if (seen.has(y)) continue;
            seen.add(y);
            if (!this.known.has(y)) next.push(y);
            else if (this.carriers.has(y)) out.push({ value: this.known.get(y)!, pooled: (JSON.parse(y) as string[])[0] === "all", figures: this.carriers.get(y)!, depth });
          }
        }
      }
      frontier = next;
    }
    return out;
  }
  private factsOf: Map<string, Fact[]> | undefined;
}

let solver: ReturnType<typeof highsLoader> | undefined;
const highs = () => (solver ??= highsLoader());

type Highs = Awaited<ReturnType<typeof highsLoader>>;
type Row = { terms: [string, number][]; op: Op; rhs: number };

/**
 * One independent part of a wave's system as a HiGHS model kept alive across its targets: each min and max only
 * changes the objective, so the simplex restarts from the previous basis. `memo` maps (rows, objective) to bounds.
 */
class Program {
  private model: ReturnType<Highs["createModel"]> | null = null;
  private readonly columns = new Map<string, number>();
  private costed: number[] = [];
  private readonly signature: string;

  constructor(private readonly h: Highs, private readonly rows: Row[], variables: string[], private readonly memo: Map<string, [number, number] | null>) {
    variables.forEach((x) => this.columns.set(x, this.columns.size));
    this.signature = rows.map((r) => `${r.terms.map(([x, c]) => `${c}*${x}`).join("+")}${r.op}${r.rhs}`).join(";");
  }

  private build(): NonNullable<Program["model"]> {
    const model = this.h.createModel();
    model.options.set({ output_flag: false, presolve: "off" });
    const n = this.columns.size;
    model.addVars(new Float64Array(n), new Float64Array(n).fill(Infinity));
    for (const row of this.rows) {
      const entries = { indices: row.terms.map(([x]) => this.columns.get(x)!), values: row.terms.map(([, c]) => c) };
      model.addRow(row.op === "=" ? row.rhs : -Infinity, row.rhs, entries);
    }
    return model;
  }

  private solve(sense: "minimize" | "maximize"): number | null {
    const model = this.model!;
    model.changeObjectiveSense(this.h.constants.objectiveSense[sense]);
    model.run();
    const status = model.getModelStatus();
    const codes = this.h.constants.modelStatus;
    if (status === codes.optimal) return model.getObjectiveValue();
    if (status === codes.unbounded || status === codes.unboundedOrInfeasible) return sense === "maximize" ? Infinity : -Infinity;
    return null;
  }

  /** Min and max of Σ c·x over the part's feasible region; null when the published figures admit no solution. */
  range(terms: [string, number][]): [number, number] | null {
    const key = `${terms.map(([x, c]) => `${c}*${x}`).join("+")}|${this.signature}`;
    const cached = this.memo.get(key);
    if (cached !== undefined) return cached;
    this.model ??= this.build();
    for (const index of this.costed) this.model.changeColCost(index, 0);
    this.costed = terms.map(([x, c]) => {
      const index = this.columns.get(x)!;
      this.model!.changeColCost(index, c);
      return index;
    });
    const lo = this.solve("minimize");
    const hi = lo === null ? null : this.solve("maximize");
    const value: [number, number] | null = lo === null || hi === null ? null : [lo, hi];
    this.memo.set(key, value);
    return value;
  }

  dispose(): void {
    this.model?.dispose();
  }
}

/**
 * Audits in-memory tables as the reader sees them (withheld = `suppressed` or a null numerator) at threshold `k`.
 * `memo` lets a caller that audits again after small changes (loaders/disclosure.ts) reuse unchanged programs.
 */
export async function auditTables(
  tables: IndicatorTables,
  k: number,
  memo = new Map<string, [number, number] | null>(),
  only?: { wave: string; ref: FigureRef; quantity: Exposure["quantity"] },
): Promise<TablesAudit> {
  const h = await highs();
  const problems: string[] = [];
  const exposures: Exposure[] = [];
  const withheldPerWave: Record<string, number> = {};
  let narrowest: number | null = null;
  let cells = 0;
  let programs = 0;
  for (const wave of only ? [only.wave] : tables.waves) {
    const system = new WaveSystem(wave, tables, k);
    // Bounding one withheld count (loaders/disclosure.ts trying a fix) needs only its own part of the system.
    if (only) system.targets.splice(0, Infinity, ...system.targets.filter((t) => t.quantity === only.quantity && t.ref.id === only.ref.id && t.ref.grouping === only.ref.grouping && t.ref.group === only.ref.group));
    problems.push(...system.problems);
    cells += system.cells;
    withheldPerWave[wave] = system.withheld;
    const small = (x: number) => x >= 1 && x < k;
    if (small(system.known.get(key("all", null, RESPONDENTS)) ?? 0)) problems.push(`${wave}: fewer than ${k} respondents in the wave, and the count is shown`);

    // Reduce every fact to its unknowns; facts with none must hold as published.
    const reduced: Row[] = [];
    for (const fact of system.facts) {
      let rhs = 0;
      const terms: [string, number][] = [];
      for (const [x, c] of fact.terms) {
        const value = system.known.get(x);
        if (value === undefined) terms.push([x, c]);
        else rhs -= c * value;
      }
      if (terms.length) reduced.push({ terms, op: fact.op, rhs });
      else if (fact.op === "=" ? Math.abs(rhs) > 1e-9 : rhs < -1e-9) problems.push(`${wave}: the published figures break a fact the auditor assumes (a group sum or a question's logic)`);
    }
    // Independent components of unknowns, each its own small program.
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let root = x;
      while (parent.get(root) !== root) root = parent.get(root)!;
      parent.set(x, root);
      return root;
    };
    const add = (x: string) => parent.has(x) || parent.set(x, x);
    for (const f of reduced) {
      f.terms.forEach(([x]) => add(x));
      for (const [x] of f.terms.slice(1)) parent.set(find(x), find(f.terms[0][0]));
    }
    for (const target of system.targets) for (const x of target.terms.keys()) if (!system.known.has(x)) add(x);
    const componentOf = new Map<string, number>();
    for (const x of parent.keys()) {
      const root = find(x);
      if (!componentOf.has(root)) componentOf.set(root, componentOf.size);
    }
    const factsOf = new Map<number, typeof reduced>();
    for (const f of reduced) {
      const c = componentOf.get(find(f.terms[0][0]))!;
      (factsOf.get(c) ?? factsOf.set(c, []).get(c)!).push(f);
    }
    const variablesOf = new Map<number, string[]>();
    for (const x of parent.keys()) {
      const c = componentOf.get(find(x))!;
      (variablesOf.get(c) ?? variablesOf.set(c, []).get(c)!).push(x);
    }
    const programsOf = new Map<number, Program>();
    const program = (c: number) => programsOf.get(c) ?? programsOf.set(c, new Program(h, factsOf.get(c) ?? [], variablesOf.get(c)!, memo)).get(c)!;

    for (const target of system.targets) {
      let constant = 0;
      const terms: [string, number][] = [];
      for (const [x, c] of target.terms) {
        const value = system.known.get(x);
        if (value === undefined) terms.push([x, c]);
        else constant += c * value;
      }
      const where = describe(wave, target.ref);
      // Every part of it shown elsewhere, it is published in all but name; else the LP bounds what the reader can infer.
      const c = terms.length ? componentOf.get(find(terms[0][0]))! : -1;
      if (terms.length) programs += 2;
      const bounded = terms.length ? program(c).range(terms) : [0, 0];
      const range = bounded && [bounded[0] + constant, bounded[1] + constant];
      if (range === null) {
        problems.push(`${where}: the published figures contradict the facts the auditor assumes (no solution)`);
        continue;
      }
      const values = Number.isFinite(range[1]) ? Math.floor(range[1] + 1e-6) - Math.ceil(range[0] - 1e-6) + 1 : Infinity;
      // Pinned to values the rule would publish anyway (0, or k and more), a count discloses nothing more than showing it.
      const lowest = Math.ceil(Math.max(range[0], 1) - 1e-6);
      const highest = Math.floor(Math.min(range[1], k - 1) + 1e-6);
      if (lowest > highest) continue;
      narrowest = narrowest === null ? values : Math.min(narrowest, values);
      if (values >= k) continue;
      problems.push(`${where}: withheld ${target.quantity} can be narrowed to ${values} possible value${values === 1 ? "" : "s"} (fewer than ${k})`);
      // A count shown by another figure is pinned by that figure itself.
      const linked = terms.length ? system.linked(terms.map(([x]) => x)) : [...target.terms.keys()].map((x) => ({ value: system.known.get(x)!, pooled: false, figures: system.carriers.get(x) ?? [], depth: 0 }));
      exposures.push({ ...target.ref, wave, quantity: target.quantity, values, component: c, linked });
    }
    for (const p of programsOf.values()) p.dispose();
  }
  return {
    ok: problems.length === 0,
    problems,
    exposures,
    withheldPerWave,
    narrowestWidth: narrowest,
    cells,
    programs,
  };
}

/** The public trends file's shape (loaders/trends.ts publicTrends), as far as the audit reads it. */
interface PublicTrends {
  outcome?: { id: string };
  wave_change: {
    from_wave: string;
    to_wave: string;
    paired: number;
    from: { numerator: number; denominator: number };
    to: { numerator: number; denominator: number };
  } | null;
}

const dataFile = (name: string, stem: string) => new RegExp(`^${stem}(\\.[0-9a-f]+)?\\.json$`).test(name);

/**
 * Audits the public release in `outputDirectory` as shipped: every `_file/data/*.json`. Indicators are bounded by
 * linear programming; the cube and applicant figures must be empty there; quote counts and the change between waves
 * (which repeats two pooled figures) must agree with the rule; the About words carry no figures; any other JSON is a
 * problem, because nothing the auditor has not read may ship.
 */
export async function auditPublicRelease(outputDirectory: string, k = minCell()): Promise<ReleaseAudit> {
  const started = performance.now();
  const directory = join(outputDirectory, "_file", "data");
  const problems: string[] = [];
  let audit: TablesAudit | null = null;
  let shownTables: IndicatorTables | null = null;
  const trends: { name: string; data: PublicTrends }[] = [];
  const ledgers: { name: string; data: LedgerSummary }[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith(".json"));
  } catch {
    problems.push(`${directory}: no data folder to audit`);
  }
  if (!names.some((name) => dataFile(name, "indicators"))) problems.push("indicators.json: not found in the public build");
  for (const name of names) {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(readFileSync(join(directory, name), "utf8"));
    } catch {
      problems.push(`${name}: not valid JSON`);
      continue;
    }
    if (dataFile(name, "indicators")) {
      const tables = data as unknown as IndicatorTables;
      if (tables.build !== "public") problems.push(`${name}: computed by the ${String(tables.build)} build, not the public one`);
      if (!(tables.minCell >= k)) problems.push(`${name}: suppressed at a threshold below ${k}`);
      if (!Array.isArray(tables.waves) || typeof tables.reports !== "object") {
        problems.push(`${name}: not the shape of indicator tables`);
        continue;
      }
      shownTables = tables;
      audit = await auditTables(tables, k);
      problems.push(...audit.problems.map((p) => `${name}: ${p}`));
    } else if (dataFile(name, "cube")) {
      const cube = data as { cells?: unknown[]; population?: unknown[]; ratings?: unknown[] };
      if (cube.cells?.length || cube.population?.length || cube.ratings?.length) problems.push(`${name}: the public build ships outcome-cube cells`);
    } else if (dataFile(name, "applicants")) {
      const applicants = data as { cohorts?: unknown[] };
      if (applicants.cohorts?.length) problems.push(`${name}: the public build ships applicant figures`);
    } else if (dataFile(name, "trends")) {
      trends.push({ name, data: data as unknown as PublicTrends });
    } else if (dataFile(name, "quotes")) {
      // Quote texts are pooled by loaders/quotes.ts; the counts shipped beside them obey the rule too.
      const quotes = data as { groups?: { quotable: number; shown: number }[]; withheld?: number | null };
      const small = (n: unknown) => typeof n === "number" && n >= 1 && n < k;
      if ((quotes.groups ?? []).some((g) => small(g.quotable) || small(g.shown)) || small(quotes.withheld)) {
        problems.push(`${name}: a count of quotes between 1 and ${k - 1}`);
      }
    } else if (dataFile(name, "data-quality")) {
      // Counts of export rows (left out by reason, flagged), not of people, shown as the analyst build shows them;
      // they must come from the public build, the same counts the indicators' "excluded" already show.
      if ((data as { build?: unknown }).build !== "public") problems.push(`${name}: computed by the ${String((data as { build?: unknown }).build)} build, not the public one`);
      ledgers.push({ name, data: data as unknown as LedgerSummary });
    } else if (!dataFile(name, "about")) problems.push(`${name}: a data file the disclosure auditor does not know`);
    // about.json holds the instrument's words only (its fields are on loaders/public-tables.ts's schema).
  }
  // The ledger's exclusions by wave repeat the indicators' "excluded": a count withheld there must not show here.
  for (const { name, data } of ledgers) {
    for (const wave of shownTables?.waves ?? []) {
      const shown = shownTables!.reports[wave]?.all?.excluded ?? {};
      const ledger = Object.fromEntries((data.exclusions ?? []).filter((e) => e.wave === wave).map((e) => [e.reason, e.rows]));
      for (const reason of new Set([...Object.keys(shown), ...Object.keys(ledger)])) {
        if (shown[reason] !== ledger[reason]) problems.push(`${name}: the ${wave} rows left out as ${reason} differ from the indicators' count`);
      }
    }
  }
  // The change between waves repeats two pooled figures: each must be one the indicators show, with the same counts.
  for (const { name, data } of trends) {
    const change = data.wave_change;
    if (!change) continue;
    for (const [wave, share] of [[change.from_wave, change.from], [change.to_wave, change.to]] as const) {
      const shown = shownTables?.reports[wave]?.all?.indicators.find((f) => f.id === data.outcome?.id && f.group === null);
      if (!shown || shown.suppressed || shown.numerator !== share.numerator || shown.denominator !== share.denominator) {
        problems.push(`${name}: the ${wave} figure of the change between waves is not the one the indicators show`);
      }
    }
    if (change.paired >= 1 && change.paired < k) problems.push(`${name}: people in both waves between 1 and ${k - 1}`);
  }
  return {
    ok: problems.length === 0,
    problems,
    withheldPerWave: audit?.withheldPerWave ?? {},
    narrowestWidth: audit?.narrowestWidth ?? null,
    cells: audit?.cells ?? 0,
    millis: Math.round(performance.now() - started),
  };
}
