// Collects streamed text and hands it on at most every `intervalMs`, so a fast stream becomes
// a few dozen messages a second instead of one per token. The first text after a quiet spell goes
// out at once: the first token of an answer is never held back.

export class DeltaBatcher {
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = -Infinity;

  constructor(
    private readonly emit: (text: string) => void,
    private readonly intervalMs = 33,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(text: string): void {
    if (text === '') return;
    this.pending += text;
    if (this.timer) return;
    const wait = this.lastSent + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends whatever is pending now; call before the final event so no text arrives after it. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.lastSent = this.now();
    this.emit(text);
  }
}
