// A chart as a standalone SVG document that carries its title, scope, n and source, so a downloaded PNG or SVG
// pasted into a report still says what it shows and how many people it rests on.

export interface FigureCaption {
  title: string;
  subtitle?: string;
  note?: string;
  /** Where the figure comes from, e.g. "Source: … alumni survey · https://…/cohorts.html". */
  source: string;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);

/** Breaks text into lines of at most `maxChars` characters at spaces (a longer word gets a line of its own). */
export function wrapLines(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const margin = 12;
const styles = {
  title: { size: 15, weight: "bold", color: "#111", charWidth: 8 },
  subtitle: { size: 12, weight: "normal", color: "#444", charWidth: 6.2 },
  note: { size: 11, weight: "normal", color: "#444", charWidth: 5.8 },
  source: { size: 10, weight: "normal", color: "#666", charWidth: 5.4 },
} as const;

/**
 * The chart's own SVG markup (`chart`, `width` × `height` pixels) framed by its caption: title and subtitle above,
 * the n and the source below, each wrapped to the chart's width.
 */
export function captionedSvg(chart: string, width: number, height: number, caption: FigureCaption): string {
  const blocks: { kind: keyof typeof styles; lines: string[] }[] = [];
  const add = (kind: keyof typeof styles, text: string | undefined) => {
    if (text) blocks.push({ kind, lines: wrapLines(text, Math.max(20, Math.floor((width - 2 * margin) / styles[kind].charWidth))) });
  };
  const texts: string[] = [];
  let y = margin;
  const write = (kind: keyof typeof styles, lines: string[]) => {
    const { size, weight, color } = styles[kind];
    for (const line of lines) {
      y += size * 1.3;
      texts.push(`<text x="${margin}" y="${y.toFixed(1)}" font-size="${size}" font-weight="${weight}" fill="${color}">${escapeXml(line)}</text>`);
    }
  };
  add("title", caption.title);
  add("subtitle", caption.subtitle);
  for (const block of blocks) write(block.kind, block.lines);
  y += 8;
  const chartTop = y;
  y += height + 4;
  blocks.length = 0;
  add("note", caption.note);
  add("source", caption.source);
  for (const block of blocks) write(block.kind, block.lines);
  const total = Math.ceil(y + margin);
  // The chart's own size and placement give way to its place in the frame (an attribute twice is not XML).
  const nested = chart.replace(/^<svg\b[^>]*>/, (open) =>
    open.replace(/\s(width|height|x|y|style)="[^"]*"/g, "").replace(/^<svg\b/, `<svg x="0" y="${chartTop.toFixed(1)}" width="${width}" height="${height}"`),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" font-family="system-ui, sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...texts,
    nested,
    `</svg>`,
  ].join("\n");
}
