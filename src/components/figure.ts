// Every chart sits in a figure with a title that states the finding, a note with its n, a text alternative made of
// both, and buttons (named after the chart) to download its data (CSV) and the picture with its caption (SVG, PNG).
import { toCsv } from "./csv.js";
import { captionedSvg, type FigureCaption } from "./figure-export.js";
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
  /** The source line of downloaded pictures (default: the survey and this page's address). */
  source?: string;
}

function defaultSource(): string {
  const page = document.title.split(" | ")[0];
  return `Source: alumni survey of the fellowship program · Outcomes Workbench, “${page}” · ${location.origin}${location.pathname}`;
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

/** The chart with its title, scope, n and source, as one SVG document and its size. */
function captioned(svg: SVGSVGElement, caption: FigureCaption): { text: string; width: number; height: number } {
  const { width, height } = svg.getBoundingClientRect();
  const text = captionedSvg(svgText(svg), Math.round(width), Math.round(height), caption);
  return { text, width: Math.round(width), height: Number(/height="(\d+)"/.exec(text)![1]) };
}

async function svgToPng({ text, width, height }: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
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
  // Screen readers get the chart as one image described by its finding and its n; the marks inside stay silent.
  const picture = Object.assign(document.createElement("div"), { className: "figure-chart" });
  picture.setAttribute("role", "img");
  picture.setAttribute("aria-label", [options.title, options.subtitle, options.note].filter(Boolean).join(". "));
  picture.append(chart);
  // Plot labels its marks (aria-label on <g>); inside one image they are noise, and ARIA forbids them there.
  const silence = () => picture.querySelectorAll("svg [aria-label]").forEach((node) => node.removeAttribute("aria-label"));
  new MutationObserver(silence).observe(picture, { childList: true, subtree: true });
  silence();
  element.append(picture);
  const caption = (): FigureCaption => ({ title: options.title, subtitle: options.subtitle, note: options.note, source: options.source ?? defaultSource() });
  const named = (format: string, what: string) => ({ title: `Download ${what}`, "aria-label": `${format}: download ${what}` });
  const footer = document.createElement("figcaption");
  if (options.note) footer.append(Object.assign(document.createElement("span"), { className: "figure-note", textContent: options.note }));
  const tools = Object.assign(document.createElement("span"), { className: "downloads" });
  tools.append(
    button("CSV", named("CSV", `the data behind “${options.title}”`), () =>
      save(new Blob([toCsv(options.data)], { type: "text/csv" }), `${options.filename}.csv`),
    ),
    button("SVG", named("SVG", `the chart “${options.title}” as SVG`), () => {
      const svg = mainSvg(picture);
      if (svg) save(new Blob([captioned(svg, caption()).text], { type: "image/svg+xml" }), `${options.filename}.svg`);
    }),
    button("PNG", named("PNG", `the chart “${options.title}” as PNG`), async () => {
      const svg = mainSvg(picture);
      if (svg) save(await svgToPng(captioned(svg, caption())), `${options.filename}.png`);
    }),
  );
  footer.append(tools);
  element.append(footer);
  return element;
}
