// Performance marks for the popup's speed goals: shortcut to first paint, and Enter to a stored
// quick-add. Only the latest of each is kept, so the timeline does not grow while Aide runs for days.

export const PAINTED = 'aide:quick-ask-painted';
export const SHOW_TO_PAINT = 'aide:quick-ask-show-to-paint';
export const ENTER = 'aide:quick-add-enter';
export const ENTER_TO_STORED = 'aide:quick-add-enter-to-stored';

/**
 * Measures from main's "show" (`shownAt`, Date.now() in main) to the first frame painted after it.
 * A requestAnimationFrame callback runs just before its frame is painted, so the second one runs
 * once the first frame with the shown popup is on screen.
 */
export function measureShowToPaint(shownAt: number): void {
  // Performance time is relative to this page's start; a show from before the page loaded counts from there.
  const start = Math.max(0, shownAt - performance.timeOrigin);
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      performance.clearMarks(PAINTED);
      performance.clearMeasures(SHOW_TO_PAINT);
      performance.mark(PAINTED);
      performance.measure(SHOW_TO_PAINT, { start, end: PAINTED });
    }),
  );
}

/** The user pressed Enter to send. */
export function markEnter(): void {
  performance.clearMarks(ENTER);
  performance.mark(ENTER);
}

/** Main answered that the quick-add is stored. */
export function measureStored(): void {
  if (performance.getEntriesByName(ENTER, 'mark').length === 0) return;
  performance.clearMeasures(ENTER_TO_STORED);
  performance.measure(ENTER_TO_STORED, { start: ENTER });
}
