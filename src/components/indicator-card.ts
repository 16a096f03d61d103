// A headline figure as a card: the share, its numerator/denominator, and its 95% Wilson interval.
import { countOf, interval, percent } from "./format.js";

export interface CardFigure {
  id: string;
  label: string;
  numerator: number;
  denominator: number;
  share: number;
  ci95: [number, number];
  /** What the program published, if anything (shown for comparison). */
  published?: string;
}

export function indicatorCard(figure: CardFigure): HTMLElement {
  const card = document.createElement("div");
  card.className = "card indicator-card";
  card.dataset.indicator = figure.id;
  const title = Object.assign(document.createElement("h2"), { textContent: figure.label });
  const big = Object.assign(document.createElement("span"), { className: "big", textContent: percent(figure.share) });
  big.dataset.share = String(figure.share);
  const count = Object.assign(document.createElement("div"), {
    className: "count",
    textContent: `${countOf(figure.numerator, figure.denominator)} · 95% CI ${interval(figure.ci95)}`,
  });
  count.dataset.numerator = String(figure.numerator);
  count.dataset.denominator = String(figure.denominator);
  card.append(title, big, count);
  if (figure.published) {
    card.append(Object.assign(document.createElement("div"), { className: "published", textContent: `Published: ${figure.published}` }));
  }
  return card;
}
