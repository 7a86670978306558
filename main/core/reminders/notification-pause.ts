// "Pause reminders for 1 hour": notifications that come due meanwhile are held and arrive as one
// group when the pause ends. The items are marked fired as usual, so nothing fires twice.
import type { FiredItem } from '../../../common/contract';
import type { Clock } from '../ports';

export class NotificationPause {
  private end: number | null = null;
  private held: FiredItem[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: { clock: Clock; deliver: (items: FiredItem[]) => void }) {}

  /** Pauses until that time (ISO), or resumes with null; held items are delivered on resume. */
  until(iso: string | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const end = iso === null ? null : Date.parse(iso);
    if (end === null || Number.isNaN(end) || end <= this.options.clock.now().getTime()) {
      this.end = null;
      this.release();
      return;
    }
    this.end = end;
    this.timer = setTimeout(() => this.until(null), end - this.options.clock.now().getTime());
    this.timer.unref?.();
  }

  pausedUntil(): string | null {
    if (this.end === null || this.end <= this.options.clock.now().getTime()) return null;
    return new Date(this.end).toISOString();
  }

  notify(items: FiredItem[]): void {
    if (this.pausedUntil() === null) return this.options.deliver(items);
    this.held.push(...items);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private release(): void {
    if (this.held.length === 0) return;
    const items = this.held;
    this.held = [];
    this.options.deliver(items);
  }
}
