import { test } from "node:test";
import assert from "node:assert/strict";
import { divergingSegments } from "../../src/components/diverging-bars.js";

test("top levels go right of zero, bottom levels left, the middle level straddles zero", () => {
  const counts = [5, 4, 3, 2, 1].map((level, i) => ({ item: "Mentorship", group: "All", level, label: `L${level}`, count: [4, 2, 2, 1, 1][i] }));
  const segments = divergingSegments(counts);
  const at = (level: number) => segments.find((s) => s.level === level)!;
  assert.equal(at(3).x1, -0.1);
  assert.equal(at(3).x2, 0.1);
  assert.ok(Math.abs(at(4).x1 - 0.1) < 1e-12 && Math.abs(at(4).x2 - 0.3) < 1e-12);
  assert.ok(Math.abs(at(5).x2 - 0.7) < 1e-12, "the right edge is half the middle plus the top two shares");
  assert.ok(Math.abs(at(1).x1 + 0.3) < 1e-12);
  assert.equal(segments.reduce((sum, s) => sum + s.share, 0), 1);
});
