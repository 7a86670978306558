// Reads back through the open conversation in Chromium like a steady reader: the log scrolls up
// 40 px a frame until `pages` older pages have arrived. For each arrival it notes how far the
// loaded messages still went above the view, and how far the message in the middle of the view
// moved beyond the reader's own step (0 when nothing on screen jumped).
import type { Page } from 'playwright-core';

export interface PageArrival {
  /** Loaded content above the view (px) when the page came. */
  leftAbove: number;
  /** The middle message's move on screen beyond the reader's step (px); Infinity if it left the page. */
  moved: number;
  /** The log's height (px). */
  screen: number;
}

export function readBackSteadily(page: Page, pages: number): Promise<PageArrival[]> {
  return page.evaluate(async (wanted) => {
    const log = document.querySelector('[role=log]')!;
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    const older = () =>
      Number(/\((\d+)\)/.exec(log.querySelector('.load-older')?.textContent ?? '')?.[1] ?? 0);
    const middleRow = () => {
      const box = log.getBoundingClientRect();
      const middle = box.top + box.height / 2;
      return [...log.querySelectorAll('.message-row')].find(
        (r) => r.getBoundingClientRect().top <= middle && r.getBoundingClientRect().bottom > middle,
      );
    };
    const found: { leftAbove: number; moved: number; screen: number }[] = [];
    let count = older();
    const deadline = performance.now() + 60_000;
    while (found.length < wanted && count > 0 && performance.now() < deadline) {
      const top = log.scrollTop;
      const row = middleRow();
      const rowTop = row?.getBoundingClientRect().top ?? 0;
      log.scrollTop = top - 40;
      const stepped = top - log.scrollTop;
      await frame();
      if (older() !== count) {
        count = older();
        const moved = row?.isConnected ? row.getBoundingClientRect().top - rowTop - stepped : Infinity;
        found.push({ leftAbove: top, moved, screen: log.clientHeight });
      }
    }
    return found;
  }, pages);
}
