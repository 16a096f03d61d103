// A result as a table of 100 rows a page (next/previous), sortable by clicking a column's header,
// with the full row count always in view.
import { columnRole } from "./chart-choice.js";
import { describeRows, pageBounds, sortOrder, type Direction } from "./result-pages.js";
import type { QueryResult } from "./query-result.js";
import { button } from "../button.js";

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
  }
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toLocaleString("en-US", { maximumFractionDigits: 4 });
  return String(value);
}

export function resultTable(result: QueryResult): HTMLElement {
  const element = document.createElement("div");
  element.className = "explore-table";
  const scroller = Object.assign(document.createElement("div"), { className: "explore-table-scroll" });
  const table = document.createElement("table");
  const head = document.createElement("thead");
  const body = document.createElement("tbody");
  table.append(head, body);
  scroller.append(table);
  const pager = Object.assign(document.createElement("div"), { className: "explore-pager" });
  const summary = Object.assign(document.createElement("span"), { className: "explore-row-count" });
  const previous = button("← Previous", { title: "Previous 100 rows" }, () => show(page - 1));
  const next = button("Next →", { title: "Next 100 rows" }, () => show(page + 1));
  pager.append(summary, previous, next);
  element.append(scroller, pager);

  let page = 0;
  let order: Uint32Array | null = null;
  let sortedBy: { column: string; direction: Direction } | null = null;

  const headerRow = document.createElement("tr");
  const headers = result.columns.map((column) => {
    const th = document.createElement("th");
    th.scope = "col";
    if (columnRole(result.types[column]) === "number") th.className = "number";
    const sort = button(column, { title: `Sort by ${column}` }, () => {
      const direction: Direction = sortedBy?.column === column && sortedBy.direction === "ascending" ? "descending" : "ascending";
      sortedBy = { column, direction };
      order = sortOrder(result.count, (i) => result.value(i, column), direction);
      for (const other of headers) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", direction);
      show(0);
    });
    th.append(sort);
    return th;
  });
  headerRow.append(...headers);
  head.append(headerRow);
  const numeric = result.columns.map((column) => columnRole(result.types[column]) === "number");

  function show(requested: number): void {
    const bounds = pageBounds(result.count, requested);
    page = bounds.page;
    const rows = [];
    for (let k = bounds.start; k < bounds.end; ++k) {
      const row = result.row(order ? order[k] : k);
      const tr = document.createElement("tr");
      result.columns.forEach((column, j) => {
        const td = document.createElement("td");
        td.textContent = formatValue(row[column]);
        if (row[column] === null || row[column] === undefined) td.className = "null";
        else if (numeric[j]) td.className = "number";
        tr.append(td);
      });
      rows.push(tr);
    }
    body.replaceChildren(...rows);
    summary.textContent = describeRows(bounds, result.count) + (sortedBy ? `, sorted by ${sortedBy.column} (${sortedBy.direction})` : "");
    previous.disabled = page === 0;
    next.disabled = page >= bounds.pages - 1;
    pager.classList.toggle("single-page", bounds.pages === 1);
  }
  show(0);
  return element;
}
