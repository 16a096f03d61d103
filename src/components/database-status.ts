// A line on the page that says, in words, whether the database is loading, ready or failed.
import { onDatabaseStage } from "./database.js";

export function databaseStatus(): HTMLElement {
  const element = document.createElement("div");
  element.className = "database-status";
  element.setAttribute("role", "status");
  const text = document.createElement("span");
  const progress = document.createElement("progress");
  element.append(text, progress);
  onDatabaseStage((stage) => {
    element.dataset.state = stage.state;
    progress.hidden = stage.state !== "loading";
    if (stage.state === "loading" && stage.fraction !== null) progress.value = stage.fraction;
    else progress.removeAttribute("value");
    text.textContent = stage.state === "idle" ? "" : stage.message;
  });
  return element;
}
