// How old the saved key is, in words: "Saved today", "Saved 12 days ago".
const day = 86_400_000;

/** Whole days since `savedAt` (never negative: a clock set back reads as today). */
export function keyAgeDays(savedAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(savedAt)) / day));
}

export function keyAgeText(days: number): string {
  if (days === 0) return 'Saved today';
  if (days === 1) return 'Saved yesterday';
  return `Saved ${days} days ago`;
}
