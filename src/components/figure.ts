// Every chart sits in a figure with a title that states the finding, a note with its n, and
// buttons to download its data (CSV) and the picture (SVG, PNG).
import { toCsv } from "./csv.js";
import { saveFile as save } from "./save-file.js";
import { button } from "./button.js";

export interface FigureOptions {
  /** The finding, in words. */
  title: string;
  subtitle?: string;
  /** Sample sizes, definitions, caveats. */
  note?: string;
  /** The rows behind the chart, for the CSV download. */
  data: readonly Record<string, unknown>[];
  /** File name without extension. */
  filename: string;
}

/** The chart's main SVG: the largest one (legends are small SVGs of their own). */
function mainSvg(root: Element): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let bestArea = -1;
  for (const svg of root.querySelectorAll("svg")) {
    const { width, height } = svg.getBoundingClientRect();
    if (width * height > bestArea) [best, bestArea] = [svg, width * height];
  }
  return best;
}

function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("font-family", getComputedStyle(svg).fontFamily);
  return new XMLSerializer().serializeToString(copy);
}

async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = Object.assign(document.createElement("canvas"), { width: width * scale, height: height * scale });
    const context = canvas.getContext("2d")!;
    context.fillStyle = "white";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function figure(chart: Node, options: FigureOptions): HTMLElement {
  const element = document.createElement("figure");
  element.className = "workbench-figure";
  const heading = Object.assign(document.createElement("h3"), { textContent: options.title });
  element.append(heading);
  if (options.subtitle) element.append(Object.assign(document.createElement("p"), { className: "subtitle", textContent: options.subtitle }));
  element.append(chart);
  const footer = document.createElement("figcaption");
  if (options.note) footer.append(Object.assign(document.createElement("span"), { className: "figure-note", textContent: options.note }));
  const tools = Object.assign(document.createElement("span"), { className: "downloads" });
  tools.append(
    button("CSV", { title: "Download the data behind this chart" }, () =>
      save(new Blob([toCsv(options.data)], { type: "text/csv" }), `${options.filename}.csv`),
    ),
    button("SVG", { title: "Download the chart as SVG" }, () => {
      const svg = mainSvg(element);
      if (svg) save(new Blob([svgText(svg)], { type: "image/svg+xml" }), `${options.filename}.svg`);
    }),
    button("PNG", { title: "Download the chart as PNG" }, async () => {
      const svg = mainSvg(element);
      if (svg) save(await svgToPng(svg), `${options.filename}.png`);
    }),
  );
  footer.append(tools);
  element.append(footer);
  return element;
}
