// The Explore notebook: the schema browser beside a list of cells, starter questions, Run all, Add cell,
// and the cells kept in the URL's hash so that a link (or a reload) brings the same notebook back.
import type { Database } from "../database.js";
import { notebookCell, type NotebookCell } from "./cell.js";
import { decodeNotebook, encodeNotebook, type CellState } from "./notebook-state.js";
import { schemaBrowser } from "./schema-browser.js";
import { starterQuestions } from "./starter-questions.js";
import { button } from "../button.js";

export function exploreNotebook(db: Database): HTMLElement {
  const element = document.createElement("div");
  element.className = "explore";
  const cells: NotebookCell[] = [];
  let lastFocused: NotebookCell | null = null;

  const list = Object.assign(document.createElement("div"), { className: "explore-cells" });
  const notice = Object.assign(document.createElement("p"), { className: "explore-notice", hidden: true });
  notice.setAttribute("role", "alert");

  const saveToUrl = () => history.replaceState(null, "", `#${encodeNotebook(cells.map((cell) => cell.state()))}`);

  function renumber(): void {
    cells.forEach((cell, i) => cell.setNumber(i + 1));
  }

  function addCell(state: CellState): NotebookCell {
    const cell: NotebookCell = notebookCell({
      db,
      state,
      onChange: saveToUrl,
      onFocus: () => (lastFocused = cell),
      onRemove: () => {
        cells.splice(cells.indexOf(cell), 1);
        cell.element.remove();
        if (lastFocused === cell) lastFocused = null;
        if (!cells.length) addCell({ sql: "", chart: "auto" });
        renumber();
        saveToUrl();
      },
    });
    cells.push(cell);
    list.append(cell.element);
    renumber();
    return cell;
  }

  async function runAll(): Promise<void> {
    for (const cell of [...cells]) await cell.run();
  }

  const starters = Object.assign(document.createElement("div"), { className: "explore-starters" });
  starters.append(Object.assign(document.createElement("span"), { textContent: "Ask: " }));
  for (const starter of starterQuestions) {
    starters.append(
      button(starter.question, { className: "explore-starter" }, () => {
        const empty = cells.length === 1 && !cells[0].state().sql.trim() ? cells[0] : null;
        if (empty) {
          empty.element.remove();
          cells.pop();
        }
        const cell = addCell({ sql: starter.sql, chart: starter.chart });
        saveToUrl();
        cell.element.scrollIntoView({ block: "nearest" });
        void cell.run();
      }),
    );
  }

  const copied = Object.assign(document.createElement("span"), { className: "explore-copied" });
  copied.setAttribute("role", "status");
  const toolbar = Object.assign(document.createElement("div"), { className: "explore-toolbar" });
  toolbar.append(
    button("Run all", { className: "explore-run-all" }, () => void runAll()),
    button("Add cell", { className: "explore-add" }, () => {
      addCell({ sql: "", chart: "auto" }).focus();
      saveToUrl();
    }),
    button("Copy link", { className: "explore-copy-link" }, () => {
      saveToUrl();
      navigator.clipboard.writeText(location.href).then(
        () => (copied.textContent = "Link copied: it opens this notebook, queries and charts included."),
        () => (copied.textContent = "Copy the address bar's link: it holds this notebook."),
      );
    }),
    copied,
  );

  const schema = document.createElement("details");
  schema.className = "explore-schema-panel";
  schema.open = window.innerWidth >= 900;
  schema.append(
    Object.assign(document.createElement("summary"), { textContent: "Tables and columns" }),
    schemaBrowser(db, (name) => (lastFocused ?? cells[cells.length - 1]).insert(name)),
  );

  const notebook = Object.assign(document.createElement("div"), { className: "explore-notebook" });
  notebook.append(starters, notice, list, toolbar);
  element.append(schema, notebook);

  const fromUrl = location.hash.length > 1 ? decodeNotebook(location.hash) : null;
  if (fromUrl && "cells" in fromUrl && fromUrl.cells.length) {
    for (const state of fromUrl.cells) addCell(state);
    void runAll();
  } else {
    if (fromUrl && "error" in fromUrl) {
      notice.textContent = `${fromUrl.error} Starting an empty notebook instead.`;
      notice.hidden = false;
    }
    addCell({ sql: "", chart: "auto" });
  }
  return element;
}
