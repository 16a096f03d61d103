// The Overview's one line on change between waves, from the same build-time trends report as the Trends page.
import { percent, points } from "./format.js";

interface Change {
  from_wave: string;
  to_wave: string;
  difference: number;
  ci95: [number, number];
  paired: number;
  from: { numerator: number; denominator: number; share: number };
  to: { numerator: number; denominator: number; share: number };
  wording_changed: boolean;
}

/** Both builds' trends.json: the analyst one has every wave's figures, the public one only the change and verdicts. */
interface Trends {
  build: "analyst" | "public";
  outcome: { label: string };
  waves: string[];
  wave_change: Change | null;
  verdicts?: Record<string, string>;
  by_wave?: Record<string, { verdict_sentence: string }>;
}

function paragraph(...parts: (string | Node)[]): HTMLParagraphElement {
  const p = document.createElement("p");
  p.className = "scope";
  p.id = "wave-change";
  p.append(...parts);
  return p;
}

function element(tag: string, text: string, attributes: Record<string, string> = {}): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

export function waveChange(trends: Trends): HTMLParagraphElement {
  const c = trends.wave_change;
  if (!c && trends.waves.length > 1) return paragraph("The change between waves is withheld in this build: one of its figures rests on too few people.");
  if (!c) return paragraph("One wave so far: no change between waves to show.");
  const latest = trends.waves.at(-1)!;
  const verdict = trends.verdicts?.[latest] ?? trends.by_wave?.[latest]?.verdict_sentence ?? "";
  return paragraph(
    `Share ${trends.outcome.label}, ${c.from_wave} → ${c.to_wave}: ${percent(c.from.share)} (${c.from.numerator} of ${c.from.denominator}) → ${percent(c.to.share)} (${c.to.numerator} of ${c.to.denominator}), `,
    element("strong", `${points(c.difference)} points (95% interval ${points(c.ci95[0])} to ${points(c.ci95[1])})`),
    `, the ${c.paired} people who answered both waves counted as pairs. Not a trend in the program: the later wave adds newer cohorts and sees everyone a year later${c.wording_changed ? ", and the question was reworded" : ""}. ${verdict}`,
    ...(trends.build === "analyst" ? [" See ", element("a", "Trends", { href: "./trends.html" }), "."] : []),
  );
}
