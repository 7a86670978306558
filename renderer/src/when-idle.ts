// Runs work when the page is idle (or after `timeoutMs` at the latest); a timer where the browser
// has no idle callbacks.
export function whenIdle(run: () => void, timeoutMs = 1000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: timeoutMs });
  else setTimeout(run, 1);
}
