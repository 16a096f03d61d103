// The tables a reader can query: each table's row count and columns, with their types and a few example values.
// Clicking a table or column name hands it to `onPick` (the notebook inserts it into the SQL being edited).
import type { Database } from "../database.js";

function formatExample(value: unknown): string {
  if (value instanceof Date) return value.toISOString().replace("T00:00:00.000Z", "").slice(0, 19).replace("T", " ");
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Up to `limit` distinct non-empty values of `column`, in the order they appear. */
export function exampleValues(rows: readonly Record<string, unknown>[], column: string, limit = 3): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const value = row[column];
    if (value === null || value === undefined || value === "") continue;
    seen.add(formatExample(value));
    if (seen.size >= limit) break;
  }
  return [...seen];
}

export function schemaBrowser(db: Database, onPick: (name: string) => void): HTMLElement {
  const element = document.createElement("nav");
  element.className = "explore-schema";
  element.setAttribute("aria-label", "Tables and columns");
  const status = Object.assign(document.createElement("p"), { className: "explore-schema-status", textContent: "Reading the tables…" });
  element.append(status);
  const pick = (name: string) => {
    const button = Object.assign(document.createElement("button"), { type: "button", className: "explore-name", textContent: name });
    button.title = `Insert ${name} into the SQL`;
    button.addEventListener("click", () => onPick(name));
    return button;
  };
  void (async () => {
    try {
      const tables = await db.tableNames();
      status.remove();
      for (const table of tables) {
        // Size and columns come from the catalog; example values read a block of every column, so they are fetched
        // when the table is first opened, never on the way to a reader's first query.
        const { rows, columns } = await db.describe(table);
        const details = document.createElement("details");
        details.dataset.table = table;
        const summary = document.createElement("summary");
        // The summary only opens and closes (a button inside it would be a control inside a control); the table's
        // name to insert is the first thing inside.
        summary.append(Object.assign(document.createElement("span"), { className: "explore-table-name", textContent: table }), Object.assign(document.createElement("span"), { className: "count", textContent: ` ${rows.toLocaleString("en-US")} rows` }));
        const insert = Object.assign(document.createElement("p"), { className: "explore-insert-table", textContent: "Insert the table's name: " });
        insert.append(pick(table));
        const list = document.createElement("table");
        const head = list.createTHead().insertRow();
        for (const label of ["column", "type", "examples"]) head.append(Object.assign(document.createElement("th"), { textContent: label }));
        const body = list.createTBody();
        const examples = columns.map((column) => {
          const row = body.insertRow();
          row.insertCell().append(pick(column.name));
          row.insertCell().textContent = column.type.toLowerCase();
          return row.insertCell();
        });
        details.addEventListener(
          "toggle",
          () => {
            for (const cell of examples) cell.textContent = "…";
            db.head(table).then(
              (sample) => columns.forEach((column, i) => (examples[i].textContent = exampleValues(sample, column.name).join(" · "))),
              (error) => examples.forEach((cell, i) => (cell.textContent = i ? "" : `The examples could not be read: ${(error as Error).message}`)),
            );
          },
          { once: true },
        );
        details.append(summary, insert, list);
        element.append(details);
      }
    } catch (error) {
      status.textContent = `The list of tables could not be read: ${(error as Error).message}`;
      status.classList.add("failed");
    }
  })();
  return element;
}
