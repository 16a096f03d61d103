// A plain button that runs an action on click (figures' downloads, Explore's controls).
export function button(
  label: string,
  attributes: { title?: string; className?: string; "aria-label"?: string },
  action: () => void | Promise<void>,
): HTMLButtonElement {
  const { "aria-label": ariaLabel, ...properties } = attributes;
  const element = Object.assign(document.createElement("button"), { type: "button", textContent: label, ...properties });
  if (ariaLabel) element.setAttribute("aria-label", ariaLabel);
  element.addEventListener("click", () => void action());
  return element;
}
