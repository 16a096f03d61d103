// A downloaded chart carries its title, n and source, wrapped to its width, and stays well-formed SVG.
import { test } from "node:test";
import assert from "node:assert/strict";
import { captionedSvg, wrapLines } from "../../src/components/figure-export.js";

test("wrapLines breaks at spaces within the width and keeps every word", () => {
  const text = "Published alignment research: from 19% (2022) to 31% (2024) — the 95% intervals overlap";
  const lines = wrapLines(text, 30);
  assert.ok(lines.every((line) => line.length <= 30), lines.join("|"));
  assert.equal(lines.join(" "), text);
  assert.deepEqual(wrapLines("averyveryverylongword short", 5), ["averyveryverylongword", "short"]);
});

test("captionedSvg frames the chart with title, subtitle, n and source, and escapes them", () => {
  const chart = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200" style="max-width: 100%"><rect width="10" height="10"/></svg>';
  const svg = captionedSvg(chart, 400, 200, { title: "Mentorship <rated> top-2 by 70%", subtitle: "2024 wave", note: "n = 143 respondents", source: "Source: alumni survey & roster" });
  for (const text of ["Mentorship &lt;rated&gt; top-2 by 70%", "2024 wave", "n = 143 respondents", "Source: alumni survey &amp; roster"]) assert.ok(svg.includes(text), text);
  // The chart keeps its viewBox but takes its place in the frame, each attribute once.
  const nested = /<svg x="0" y="[\d.]+" width="400" height="200"[^>]*>/.exec(svg)?.[0];
  assert.ok(nested, svg);
  assert.ok(nested.includes('viewBox="0 0 400 200"'));
  assert.ok(!/style=/.test(nested));
  const outerHeight = Number(/^<svg[^>]*height="(\d+)"/.exec(svg)![1]);
  assert.ok(outerHeight > 200 + 4 * 12, `room for the caption: ${outerHeight}`);
  const chartTop = Number(/<svg x="0" y="([\d.]+)"/.exec(svg)![1]);
  const y = (text: string) => Number(new RegExp(`y="([\\d.]+)"[^>]*>${text}`).exec(svg)![1]);
  assert.ok(y("Mentorship") < chartTop && y("n = 143") > chartTop + 200 && y("Source") > y("n = 143"), "title above, n and source below");
});
