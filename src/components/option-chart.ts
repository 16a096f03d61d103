// A select-all question's options as Plot marks: bars with 95% intervals for one group, dots per group for several.
// Loaded only when the Cohorts page shows its options view, so the page's first chart never waits for Plot.
import * as Plot from "@observablehq/plot";
import { percent } from "./format.js";
import type { OptionShare } from "./cohort-slices.js";

export function optionsChart(options: readonly OptionShare[], { width }: { width: number }): SVGSVGElement | HTMLElement {
  const groups = [...new Set(options.map((r) => r.group))];
  const pooled = groups.length === 1;
  const optionNames = [...new Set(options.map((r) => r.option))];
  // On a phone the options' names sit above their bars, so the bars keep the width.
  const narrow = width < 640;
  const counts = (r: OptionShare) => `${percent(r.share)} (${r.numerator}/${r.denominator})`;
  return Plot.plot({
    width,
    marginLeft: narrow ? 14 : 300,
    marginRight: narrow ? 18 : 20,
    height: 60 + (narrow ? 44 : 28) * optionNames.length,
    x: { domain: [0, 1], tickFormat: "%", label: "Share of respondents who answered the question →", grid: true, ticks: narrow ? 5 : undefined },
    y: { label: null, domain: optionNames, axis: narrow ? null : "left", padding: narrow ? 0.5 : 0.1 },
    color: pooled ? undefined : { legend: true, domain: groups },
    marks: [
      ...(pooled
        ? [
            Plot.barX(options, { y: "option", x: "share", fill: "var(--theme-foreground-focus)", fillOpacity: 0.75 }),
            Plot.ruleY(options, { y: "option", x1: "lo", x2: "hi" }),
            Plot.text(options, { y: "option", x: narrow ? 1 : "hi", text: counts, dx: narrow ? 0 : 6, dy: narrow ? -17 : 0, textAnchor: narrow ? "end" : "start" }),
          ]
        : [
            Plot.ruleY(options, Plot.groupY({ x1: "min", x2: "max" }, { y: "option", x: "share", stroke: "#ccc" })),
            Plot.dot(options, { y: "option", x: "share", fill: "group", r: 5, title: (r: OptionShare) => `${r.group}: ${percent(r.share)} (${r.numerator} of ${r.denominator})` }),
          ]),
      narrow ? Plot.text(optionNames, { y: (d: string) => d, text: (d: string) => d, frameAnchor: "left", textAnchor: "start", dy: -17, lineWidth: 24 }) : null,
      Plot.ruleX([0]),
    ],
  });
}
