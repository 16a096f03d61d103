// One notebook cell: a SQL editor (Ctrl/Cmd+Enter runs it), Run and Cancel, the status in words,
// errors under the editor with the spot they point at selected, then the chart and the paged table.
import { QueryCancelled, type Database } from "../database.js";
import { chartKinds, planChart, type ChartKind } from "./chart-choice.js";
import { downloadButtons } from "./downloads.js";
import type { CellState } from "./notebook-state.js";
import { resultChart, CHART_ROW_LIMIT } from "./result-chart.js";
import { queryResult, type QueryResult } from "./query-result.js";
import { resultTable } from "./result-table.js";
import { describeSqlError } from "./sql-error.js";

export interface CellOptions {
  db: Database;
  state: CellState;
  /** The cell's SQL or chart choice changed (the notebook rewrites the URL). */
  onChange: () => void;
  onRemove: () => void;
  onFocus: () => void;
}

export interface NotebookCell {
  element: HTMLElement;
  state(): CellState;
  run(): Promise<void>;
  setNumber(number: number): void;
  /** Inserts text at the editor's cursor. */
  insert(text: string): void;
  focus(): void;
}

const chartLabels: Record<ChartKind, string> = { bar: "Bar", line: "Line", histogram: "Histogram", none: "No chart" };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function notebookCell({ db, state, onChange, onRemove, onFocus }: CellOptions): NotebookCell {
  let chart = state.chart;
  let result: QueryResult | null = null;
  let number = 1;

  const element = el("section", { className: "explore-cell" });
  element.dataset.state = "idle";
  element.dataset.runs = "0";
  const heading = el("h3", { className: "explore-cell-title" });
  const run = el("button", { type: "button", className: "explore-run", textContent: "Run" });
  run.title = `Run this cell (${isMac ? "⌘" : "Ctrl"}+Enter)`;
  const cancel = el("button", { type: "button", className: "explore-cancel", textContent: "Cancel", hidden: true });
  const remove = el("button", { type: "button", className: "explore-remove", textContent: "Remove", title: "Remove this cell" });
  const header = el("header");
  header.append(heading, run, cancel, remove);

  const editor = el("textarea", { className: "explore-sql", value: state.sql, spellcheck: false, rows: Math.max(3, state.sql.split("\n").length + 1) });
  editor.placeholder = "SELECT cohort, count(*) AS respondents FROM respondents GROUP BY cohort";
  editor.setAttribute("autocapitalize", "off");
  editor.setAttribute("autocomplete", "off");
  editor.setAttribute("wrap", "off");
  const hint = el("p", { className: "explore-hint", textContent: `${isMac ? "⌘" : "Ctrl"}+Enter runs the cell.` });
  const error = el("div", { className: "explore-error", hidden: true });
  error.setAttribute("role", "alert");
  const status = el("p", { className: "explore-status" });
  status.setAttribute("role", "status");
  const output = el("div", { className: "explore-output" });
  element.append(header, editor, hint, error, status, output);

  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void runCell();
    }
  });
  editor.addEventListener("input", () => {
    editor.rows = Math.max(3, editor.value.split("\n").length + 1);
    onChange();
  });
  editor.addEventListener("focus", onFocus);
  run.addEventListener("click", () => void runCell());
  cancel.addEventListener("click", () => {
    status.textContent = "Cancelling…";
    void db.cancel();
  });
  remove.addEventListener("click", onRemove);

  function showError(message: string, offset?: number, where?: string): void {
    error.replaceChildren(el("strong", { textContent: "The query failed. " }), message);
    if (where) error.append(el("span", { className: "explore-error-where", textContent: ` (${where})` }));
    error.hidden = false;
    if (offset !== undefined) editor.setSelectionRange(offset, Math.min(editor.value.length, offset + 1));
  }

  function draw(): void {
    if (!result) return;
    const current = result;
    const plan = planChart(current.columns, current.types, chart);
    const auto = planChart(current.columns, current.types, "auto");
    const picker = el("select", { className: "explore-chart-kind" });
    picker.setAttribute("aria-label", "Chart");
    picker.append(el("option", { value: "auto", textContent: `Chart: automatic (${chartLabels[auto.kind].toLowerCase()})` }));
    for (const kind of chartKinds) picker.append(el("option", { value: kind, textContent: chartLabels[kind] }));
    picker.value = chart;
    picker.addEventListener("change", () => {
      chart = picker.value as ChartKind | "auto";
      onChange();
      draw();
    });
    const tools = el("div", { className: "explore-tools" });
    tools.append(picker, downloadButtons(current, `cell-${number}`, (message) => showError(message)));
    const figure = el("figure", { className: "explore-chart" });
    const width = Math.max(280, Math.min(output.clientWidth || element.clientWidth || 640, 960));
    const drawn = resultChart(current, plan, width);
    if (drawn) {
      figure.append(drawn);
      const caption = plan.kind === "histogram" ? `Rows by ${plan.x}` : `${plan.y} by ${plan.x}`;
      const note = current.count > CHART_ROW_LIMIT ? ` — the first ${CHART_ROW_LIMIT.toLocaleString("en-US")} rows` : "";
      figure.append(el("figcaption", { textContent: caption + note }));
    } else {
      figure.append(el("p", { className: "explore-no-chart", textContent: plan.reason ?? "No chart." }));
    }
    output.replaceChildren(tools, figure, resultTable(current));
  }

  async function runCell(): Promise<void> {
    const sql = editor.value.trim();
    error.hidden = true;
    if (!sql) {
      showError("The cell is empty: type a query, e.g. SELECT * FROM respondents LIMIT 10.");
      return;
    }
    element.dataset.state = "running";
    run.disabled = true;
    cancel.hidden = false;
    status.textContent = "Running…";
    try {
      const { table, elapsedMs } = await db.stream(sql, (rows) => {
        status.textContent = `Running… ${rows.toLocaleString("en-US")} rows so far`;
      });
      result = queryResult(table, elapsedMs);
      // From the statement's start to its rows in the page (the blocks it reads fetched): what the benchmark compares.
      element.dataset.queryMs = elapsedMs.toFixed(1);
      const n = result.count;
      status.textContent = `${n.toLocaleString("en-US")} ${n === 1 ? "row" : "rows"} in ${elapsedMs < 1000 ? `${Math.round(elapsedMs)} ms` : `${(elapsedMs / 1000).toFixed(1)} s`}`;
      draw();
      element.dataset.state = "done";
    } catch (failure) {
      if (failure instanceof QueryCancelled) {
        status.textContent = "Cancelled. The previous result (if any) is still shown below.";
        element.dataset.state = "cancelled";
      } else {
        const report = describeSqlError((failure as Error).message ?? String(failure), editor.value);
        const where = report.line ? `line ${report.line}${report.column ? `, column ${report.column}` : ""}` : undefined;
        showError(report.message, report.offset, where);
        status.textContent = "";
        element.dataset.state = "failed";
      }
    } finally {
      run.disabled = false;
      cancel.hidden = true;
      element.dataset.runs = String(Number(element.dataset.runs) + 1);
    }
  }

  return {
    element,
    state: () => ({ sql: editor.value, chart }),
    run: runCell,
    setNumber(next) {
      number = next;
      heading.textContent = `Cell ${next}`;
      editor.setAttribute("aria-label", `SQL of cell ${next}`);
    },
    insert(text) {
      const { selectionStart, selectionEnd, value } = editor;
      editor.value = value.slice(0, selectionStart) + text + value.slice(selectionEnd);
      editor.setSelectionRange(selectionStart + text.length, selectionStart + text.length);
      editor.focus();
      onChange();
    },
    focus: () => editor.focus(),
  };
}
