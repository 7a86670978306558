// Fires reminders and appointments on time: one node-schedule job per item for its next fire
// time, plus checks on start, resume and a slow watchdog for what timers miss across sleep.
//
// Only items due within `horizonMs` get a job; the watchdog's check places the others as they
// come within it. A job days ahead buys nothing (sleep makes its timer wrong anyway) and costs
// ~30 µs and a Job object each, which is most of the start-up at 10,000 items.
//
// Notify FIRST, then persist that it fired, in the same synchronous block (no await between):
// nothing else runs in between, so only the process being killed during the append to the
// reminders journal (or the disk failing) loses the record, and then that notification comes once
// more at the next start, marked missed. The other order made every notification wait for the
// write (then a full rewrite of reminders.json, ~30 ms at 10,000 items), and a
// crash in its window dropped the notification silently; a repeat after a kill is the lesser harm
// ("never dropped"), and within a run memory is marked fired even when the write fails, so nothing
// fires twice while Aide runs.
import schedule, { type Job } from 'node-schedule';
import type { FiredItem } from '../../../common/contract';
import type { Clock, Logger } from '../ports';
import type { Firing, ItemRef } from './reminder-items';
import type { AgendaService } from './agenda-service';

export type CheckReason = 'start' | 'resume' | 'watchdog' | 'change' | 'timer';

export interface SchedulerOptions {
  service: Pick<AgendaService, 'upcoming' | 'firing' | 'markFired' | 'batch' | 'onChange'>;
  clock: Clock;
  logger: Logger;
  /** Items that came due together, delivered as one grouped notification. */
  notify: (items: FiredItem[]) => void;
  watchdogMs?: number;
  /** A timer waits this long for other items due right after it, so a burst becomes one notification. */
  coalesceMs?: number;
  /** How far ahead jobs are placed; must exceed watchdogMs. */
  horizonMs?: number;
}

/** Later than this, a notification says it was missed (Aide was stopped, or the computer slept). */
export const MISSED_AFTER_MS = 60_000;

const MAX_PASSES = 4;
/** Jobs placed in one go (a few ms); the rest follow after a turn of the event loop each. */
const PLACE_SLICE = 16;
/** ...and fewer when they take longer: the first jobs of a run pay node-schedule's and luxon's first use (~10 ms). */
const PLACE_SLICE_MS = 3;

interface Scheduled {
  fireAt: number;
  job: Job;
}

export class Scheduler {
  private readonly jobs = new Map<string, Scheduled>();
  private watchdog: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  /** The next slice of job placements, when a check found more than PLACE_SLICE within the horizon. */
  private placing: NodeJS.Immediate | null = null;
  private unsubscribe: (() => void) | null = null;
  private checking = false;
  private recheck = false;
  private readonly watchdogMs: number;
  private readonly coalesceMs: number;
  private readonly horizonMs: number;

  constructor(private readonly options: SchedulerOptions) {
    this.watchdogMs = options.watchdogMs ?? 60_000;
    this.coalesceMs = options.coalesceMs ?? 250;
    this.horizonMs = Math.max(options.horizonMs ?? 6 * 3_600_000, 2 * this.watchdogMs);
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.options.service.onChange((changed) => this.onChanged(changed));
    this.check('start');
    this.watchdog = setInterval(() => this.check('watchdog'), this.watchdogMs);
    // Electron keeps running for its windows and tray; the watchdog alone must not keep Node up.
    this.watchdog.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.placing) clearImmediate(this.placing);
    this.placing = null;
    // In fire-time order: node-schedule keeps one sorted array, and cancelling from its head is cheap.
    for (const { job } of [...this.jobs.values()].sort((a, b) => a.fireAt - b.fireAt)) job.cancel();
    this.jobs.clear();
  }

  /**
   * Fires, once, every item whose fire time has come and that has not fired for it, as one
   * grouped notification; then brings the jobs in line with the items.
   */
  check(reason: CheckReason): void {
    if (!this.unsubscribe) return;
    if (this.checking) {
      this.recheck = true;
      return;
    }
    this.checking = true;
    try {
      // A pass can find an item that just came due while it was placing jobs; a few passes settle it.
      for (let pass = 0; pass < MAX_PASSES && (pass === 0 || this.recheck); pass++) {
        this.recheck = false;
        // Only what is due within the horizon (jobs are placed for nothing else): at 10,000 items a
        // list of them all, filtered twice, was most of a cold start's first check.
        const until = () => this.options.clock.now().getTime() + this.horizonMs;
        let firings = this.options.service.upcoming(until());
        if (this.fireDue(pass === 0 ? reason : 'change', firings)) firings = this.options.service.upcoming(until());
        this.syncAll(firings);
      }
    } catch (error) {
      this.options.logger.error('reminder check failed', { reason, error: message(error) });
    } finally {
      this.checking = false;
    }
  }

  /** Notifies, then records, every firing that is due; false when none was. */
  private fireDue(reason: CheckReason, firings: Firing[]): boolean {
    const now = this.options.clock.now().getTime();
    const due = firings.filter((firing) => firing.fireAt <= now).sort((a, b) => a.fireAt - b.fireAt);
    if (due.length === 0) return false;
    // Whatever came due before Aide started, or while the computer slept, was missed; a late timer
    // only past MISSED_AFTER_MS. An item the user just created or moved into the past never is.
    const missed = (firing: Firing) =>
      reason === 'start' || reason === 'resume' || (reason !== 'change' && now - firing.fireAt > MISSED_AFTER_MS);
    const items: FiredItem[] = due.map((f) => ({
      kind: f.kind,
      id: f.id,
      title: f.title,
      at: f.at,
      missed: missed(f),
    }));
    try {
      this.options.notify(items);
    } catch (error) {
      this.options.logger.error('reminder notification failed', { error: message(error) });
    }
    // No await before this: see the top of the file.
    this.options.service.batch(() => {
      for (const firing of due) this.options.service.markFired(firing.kind, firing.id, firing.firedFor);
    });
    this.options.logger.info('reminders fired', {
      reason,
      count: items.length,
      missed: items.filter((i) => i.missed).length,
    });
    return true;
  }

  /** Drops the jobs of firings beyond the horizon, and places the others, soonest first. */
  private syncAll(firings: Firing[]): void {
    const until = this.options.clock.now().getTime() + this.horizonMs;
    const near = firings.filter((firing) => firing.fireAt <= until).sort((a, b) => a.fireAt - b.fireAt);
    const seen = new Set(near.map(keyOf));
    for (const [key, { job }] of this.jobs) {
      if (seen.has(key)) continue;
      job.cancel();
      this.jobs.delete(key);
    }
    if (this.placing) clearImmediate(this.placing);
    this.placing = null;
    this.placeFrom(near, 0);
  }

  /**
   * Places PLACE_SLICE jobs, then the next ones after a turn of the event loop: a node-schedule job
   * costs 0.1–0.2 ms, and placing a few hundred at start held the loop for tens of milliseconds.
   * Each item's firing is read again when its turn comes, so a change made meanwhile is not undone.
   */
  private placeFrom(near: readonly Firing[], start: number): void {
    const began = performance.now();
    let stop = start;
    while (
      stop < Math.min(near.length, start + PLACE_SLICE) &&
      (stop === start || performance.now() - began < PLACE_SLICE_MS)
    ) {
      const ref = near[stop++]!;
      this.place(keyOf(ref), start === 0 ? ref : this.options.service.firing(ref));
    }
    // A check run by a placement (an item already due) restarts the placing with its own list.
    if (stop < near.length && this.unsubscribe && this.placing === null) {
      this.placing = setImmediate(() => {
        this.placing = null;
        this.placeFrom(near, stop);
      });
    }
  }

  /** Only the items that changed are looked at, so a change costs the same with 10 or 10,000 items. */
  private onChanged(changed: readonly ItemRef[]): void {
    for (const ref of changed) this.place(keyOf(ref), this.options.service.firing(ref));
  }

  /** Makes the item's job match its fire time: kept when unchanged, replaced, removed, or fired now. */
  private place(key: string, firing: Firing | null): void {
    const current = this.jobs.get(key);
    if (current && firing && current.fireAt === firing.fireAt) return;
    if (current) {
      current.job.cancel();
      this.jobs.delete(key);
    }
    if (!firing) return;
    const now = this.options.clock.now().getTime();
    if (firing.fireAt > now + this.horizonMs) return;
    // node-schedule returns null for a date in the past instead of running it: fire it ourselves.
    const job = firing.fireAt > now ? schedule.scheduleJob(new Date(firing.fireAt), () => this.onTimer(key)) : null;
    if (job) this.jobs.set(key, { fireAt: firing.fireAt, job });
    else this.check('change');
  }

  private onTimer(key: string): void {
    try {
      this.jobs.delete(key);
      if (this.flushTimer) return;
      const now = this.options.clock.now().getTime();
      let until = now;
      for (const { fireAt } of this.jobs.values()) {
        if (fireAt > until && fireAt <= now + this.coalesceMs) until = fireAt;
      }
      if (until === now) {
        this.check('timer');
        return;
      }
      // Others are due within the window: wait for the last of them and deliver them together.
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.check('timer');
      }, until - now);
    } catch (error) {
      // node-schedule re-emits a throw as an 'error' event, which crashes Node without a listener.
      this.options.logger.error('reminder timer failed', { error: message(error) });
    }
  }
}

function keyOf(ref: ItemRef): string {
  return `${ref.kind}:${ref.id}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
