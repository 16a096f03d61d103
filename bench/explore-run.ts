// One timed run of the Explore page's first cell: from pressing Ctrl+Enter to the result drawn (status,
// table and chart), measured inside the page, and the query's own time to its rows in the page (the cell's
// `data-query-ms`). The first run of a query also fetches the blocks it reads, so `timeout` must allow for
// that. Shared by bench/run.ts and bench/explore-groupby.ts.
import type { Locator, Page } from "playwright-core";

export async function timeExploreRun(page: Page, editor: Locator, cell: Locator, timeout: number): Promise<{ drawn: number; query: number }> {
  const runsBefore = Number(await cell.getAttribute("data-runs"));
  await page.evaluate(() => {
    const w = window as unknown as { pressedAt: number };
    document.addEventListener("keydown", () => (w.pressedAt = performance.now()), { capture: true, once: true });
  });
  await editor.press("Control+Enter", { timeout });
  const elapsed = await page.waitForFunction(
    (before) => {
      const element = document.querySelector(".explore-cell") as HTMLElement;
      if (Number(element.dataset.runs) <= before) return false;
      if (element.dataset.state !== "done") throw new Error(element.querySelector(".explore-error")?.textContent ?? "query failed");
      if (!element.querySelector(".explore-table tbody tr") || !element.querySelector(".explore-chart svg")) return false;
      return performance.now() - (window as unknown as { pressedAt: number }).pressedAt;
    },
    runsBefore,
    { polling: "raf", timeout },
  );
  return { drawn: (await elapsed.jsonValue()) as number, query: Number(await cell.getAttribute("data-query-ms")) };
}
