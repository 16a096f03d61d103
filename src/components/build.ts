// Which build the page belongs to, read from the footer the config writes (WORKBENCH_BUILD): "public" or "analyst".
export function buildOf(root: ParentNode = document): "public" | "analyst" {
  return root.querySelector(".build-label")?.getAttribute("data-build") === "public" ? "public" : "analyst";
}
