// A plain button that runs an action on click (figures' downloads, Explore's controls).
export function button(label: string, attributes: { title?: string; className?: string }, action: () => void | Promise<void>): HTMLButtonElement {
  const element = Object.assign(document.createElement("button"), { type: "button", textContent: label, ...attributes });
  element.addEventListener("click", () => void action());
  return element;
}
