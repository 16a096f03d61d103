// Tables: a plain HTML table for small results (a few dozen rows; no scrolling box, rows wrap freely), and scrolling ones made keyboard-reachable.

export interface TableColumn<Row> {
  label: string;
  value: (row: Row) => unknown;
  /** Right-aligned (numbers). */
  numeric?: boolean;
}

/**
 * The table in a box that scrolls sideways when a phone is narrower than its columns (the page itself never does),
 * reachable by keyboard and named by its columns.
 */
export function simpleTable<Row>(rows: readonly Row[], columns: readonly TableColumn<Row>[]): HTMLElement {
  const box = Object.assign(document.createElement("div"), { className: "table-scroll", tabIndex: 0 });
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", `Table: ${columns.map((c) => c.label).join(", ")}`);
  box.append(plainTable(rows, columns));
  return box;
}

function plainTable<Row>(rows: readonly Row[], columns: readonly TableColumn<Row>[]): HTMLTableElement {
  const table = document.createElement("table");
  table.className = "simple-table";
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement("th");
    th.textContent = column.label;
    if (column.numeric) th.className = "numeric";
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const column of columns) {
      const td = tr.insertCell();
      const value = column.value(row);
      td.textContent = value === null || value === undefined ? "" : String(value);
      if (column.numeric) td.className = "numeric";
    }
  }
  return table;
}

/**
 * A table that scrolls in its own box (Inputs.table), made reachable by keyboard and named for screen readers, so
 * its hidden rows and columns can be scrolled to without a mouse.
 */
export function scrollingTable<T extends HTMLElement>(table: T, label: string): T {
  table.tabIndex = 0;
  table.setAttribute("role", "region");
  table.setAttribute("aria-label", label);
  return table;
}
