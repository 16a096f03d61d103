// Download a whole result (every row, not just the page shown) as CSV or Parquet.
import { toCsv } from "../csv.js";
import type { QueryResult } from "./query-result.js";
import { resultToParquet } from "./result-parquet.js";
import { saveFile as save } from "../save-file.js";

export function downloadButtons(result: QueryResult, filename: string, onError: (message: string) => void): HTMLElement {
  const element = Object.assign(document.createElement("span"), { className: "explore-downloads" });
  const make = (label: string, title: string, action: () => Blob) => {
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: label, title });
    button.addEventListener("click", () => {
      try {
        save(action(), `${filename}.${label.toLowerCase()}`);
      } catch (error) {
        onError(`The ${label} download failed: ${(error as Error).message}`);
      }
    });
    return button;
  };
  element.append(
    "Download: ",
    make("CSV", `All ${result.count} rows as CSV`, () => new Blob([toCsv(result.rows(), result.columns)], { type: "text/csv" })),
    make("Parquet", `All ${result.count} rows as Parquet`, () =>
      new Blob([resultToParquet(result.rows(), result.columns, result.types)], { type: "application/vnd.apache.parquet" }),
    ),
  );
  return element;
}
