// When a sync runs: never two at once (a request during one runs one more after it), every few
// minutes on an unref'd timer, and shortly after a burst of local changes (debounced).

export class SyncRunner {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private interval: ReturnType<typeof setInterval> | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** One sync; must not throw (the service records failures in its status). */
    private readonly run: () => Promise<void>,
    private readonly debounceMs: number,
  ) {}

  /** Resolves when a sync that started after this call has finished. */
  request(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop();
    return this.running;
  }

  /** A sync a little later; further calls meanwhile push it back, so a burst of edits syncs once. */
  soon(): void {
    if (this.stopped) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.request(), this.debounceMs);
    this.debounce.unref();
  }

  /** Syncs every `ms` from now on (replacing the previous period), or never with null. */
  every(ms: number | null): void {
    clearInterval(this.interval);
    this.interval = undefined;
    if (ms === null || this.stopped) return;
    this.interval = setInterval(() => void this.request(), ms);
    this.interval.unref();
  }

  /** Waits for a sync under way to finish, without asking for another. */
  async idle(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.every(null);
    clearTimeout(this.debounce);
    await this.running;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.run();
      } while (this.again && !this.stopped);
    } finally {
      this.running = null;
    }
  }
}
