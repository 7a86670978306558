// The calendar sync engine: pushes the outbox, then pulls every chosen calendar into the agenda,
// so Aide's items and the server's are one schedule. One sync at a time; the state and the outbox
// live in the data folder and survive restarts.
import type { StoreFactory } from '../core-options';
import type { Clock, Logger } from '../ports';
import type { AgendaService } from '../reminders/agenda-service';
import type { ItemKind, ItemRef } from '../reminders/reminder-items';
import type { EngineParts } from './engine-parts';
import { importCalendarFile, type ImportResult } from './import-ics';
import { recordLocalChanges } from './local-changes';
import { Outbox } from './outbox';
import { pullCalendar } from './pull';
import { pushOutbox } from './push';
import type { CalendarMapping } from './sync-mapping';
import { itemKey, SyncState } from './sync-state';
import type { CalDavConnection, RemoteCalendar, SyncEngine, SyncReport, SyncTarget } from './sync-types';

export interface SyncEngineOptions {
  agenda: AgendaService;
  dataDir: string;
  openStore: StoreFactory;
  clock: Clock;
  logger: Logger;
  /** The person's IANA zone. */
  timeZone: () => string;
  mapping: CalendarMapping;
}

export class CalendarSyncEngine implements SyncEngine {
  /** Set when calendar-sync.json could not be read and was moved aside. */
  readonly notice: string | null;
  private readonly parts: EngineParts;
  private readonly listeners = new Set<() => void>();
  private quiet = 0;
  private running: Promise<unknown> = Promise.resolve();

  constructor(options: SyncEngineOptions) {
    const state = new SyncState(options.openStore, options.dataDir, options.clock);
    this.notice = state.notice;
    this.parts = {
      agenda: options.agenda,
      state,
      outbox: new Outbox(options.dataDir, options.logger),
      mapping: options.mapping,
      clock: options.clock,
      logger: options.logger,
      timeZone: options.timeZone,
      quietly: (change) => {
        this.quiet++;
        try {
          return change();
        } finally {
          this.quiet--;
        }
      },
    };
    options.agenda.onChange((refs) => {
      if (this.quiet > 0) return;
      if (recordLocalChanges(this.parts, refs)) this.tellLocalChange();
    });
  }

  sync(connection: CalDavConnection, target: SyncTarget): Promise<SyncReport> {
    const run = this.running.then(
      () => this.syncNow(connection, target),
      () => this.syncNow(connection, target),
    );
    this.running = run.catch(() => undefined);
    return run;
  }

  onLocalChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pendingCount(): number {
    return this.parts.outbox.size;
  }

  /**
   * A sentence refusing a change to an item whose calendar the server lets Aide only read (the
   * change could never reach the server), or null when it may change.
   */
  readOnlyRefusal(ref: ItemRef): string | null {
    const known = this.parts.state.item(ref);
    const calendar = known ? this.parts.state.calendar(known.calendarUrl) : undefined;
    if (!calendar?.readOnly) return null;
    return `“${calendar.name}” is read-only on the calendar server, so this ${ref.kind} cannot be changed in Aide. Change it in the app that owns that calendar.`;
  }

  /**
   * Fired items whose notification was closed without Snooze or Done: the dismissal waits in the
   * outbox and reaches the server as RFC 9074 ACKNOWLEDGED, so other devices do not ring them again.
   * Items only on this computer, or of a read-only calendar, have nothing to tell.
   */
  acknowledge(refs: readonly ItemRef[]): void {
    const { agenda, state, outbox, clock } = this.parts;
    let waiting = false;
    for (const ref of refs) {
      const known = state.item(ref);
      const firedFor = agenda.storedRecord(ref.kind, ref.id)?.firedFor ?? null;
      const key = itemKey(ref);
      if (!known || firedFor === null || state.calendar(known.calendarUrl)?.readOnly) continue;
      if (outbox.get(key)?.op === 'delete') continue;
      const at = clock.now().toISOString();
      outbox.set({ key, kind: ref.kind, id: ref.id, op: 'put', href: null, etag: null, acknowledge: { firedFor, at } });
      waiting = true;
    }
    if (waiting) this.tellLocalChange();
  }

  importIcs(text: string, target: SyncTarget | null): ImportResult {
    const result = importCalendarFile(this.parts, text, target);
    if (this.parts.outbox.size > 0) this.tellLocalChange();
    return result;
  }

  forget(): void {
    const { agenda, state, outbox } = this.parts;
    this.parts.quietly(() =>
      agenda.batch(() => {
        for (const item of state.items()) this.unbind(item.kind, item.id, item.origin === 'server');
      }),
    );
    state.clear();
    outbox.clearAll();
  }

  private async syncNow(connection: CalDavConnection, target: SyncTarget): Promise<SyncReport> {
    const report: SyncReport = { pulled: 0, pushed: 0, conflicts: 0, skipped: [] };
    const calendars = targetCalendars(target);
    this.parts.state.setTarget({
      reminders: target.remindersCalendar?.url ?? null,
      appointments: target.appointmentsCalendar?.url ?? null,
    });
    this.dropUntargeted(new Set(calendars.map((calendar) => calendar.url)));
    for (const calendar of calendars) this.describeCalendar(calendar);
    this.adoptLocalItems();
    await pushOutbox(this.parts, connection, report);
    await pullAll(this.parts, connection, calendars, report);
    this.parts.logger.info('calendar sync done', { ...report, skipped: report.skipped.length });
    return report;
  }

  /** Keeps the calendar's name, colour and access current before anything is pushed to it. */
  private describeCalendar(calendar: RemoteCalendar): void {
    const { state } = this.parts;
    const previous = state.calendar(calendar.url);
    state.setCalendar(calendar.url, {
      syncToken: null,
      ctag: null,
      lastSyncAt: null,
      ...previous,
      name: calendar.displayName,
      color: calendar.color,
      readOnly: calendar.readOnly,
    });
  }

  /**
   * Aide's own items not yet on the server go to the reminders/appointments calendar: pending
   * reminders and appointments still to come (done and past ones stay here only).
   */
  private adoptLocalItems(): void {
    const { agenda, state, outbox } = this.parts;
    const now = this.parts.clock.now().getTime();
    const adopt = (kind: ItemKind, id: string) => {
      const key = itemKey({ kind, id });
      if (!state.item({ kind, id }) && !outbox.get(key))
        outbox.set({ key, kind, id, op: 'put', href: null, etag: null });
    };
    if (state.target.reminders !== null) {
      for (const record of agenda.storedRecords('reminder'))
        if (record.status === 'pending') adopt('reminder', record.id);
    }
    if (state.target.appointments !== null) {
      for (const record of agenda.storedRecords('appointment')) {
        if (record.rrule !== null || Date.parse(record.end) > now) adopt('appointment', record.id);
      }
    }
  }

  /** Items of calendars no longer chosen: the server's go, Aide's own stay as local items. */
  private dropUntargeted(targeted: Set<string>): void {
    const { agenda, state, outbox } = this.parts;
    const dropped = state.items().filter((item) => !targeted.has(item.calendarUrl));
    this.parts.quietly(() =>
      agenda.batch(() =>
        state.batch(() => {
          for (const item of dropped) {
            this.unbind(item.kind, item.id, item.origin === 'server');
            state.removeItem(item);
            outbox.clear(itemKey(item));
          }
          for (const url of state.calendarUrls()) if (!targeted.has(url)) state.removeCalendar(url);
        }),
      ),
    );
  }

  /** Removes a server-only item, or turns one of Aide's own into a plain local item. */
  private unbind(kind: ItemKind, id: string, serverOnly: boolean): void {
    const { agenda } = this.parts;
    if (serverOnly) {
      agenda.removeStoredRecord(kind, id);
      return;
    }
    if (kind === 'reminder') {
      const record = agenda.storedRecord('reminder', id);
      if (record) agenda.putStoredRecord('reminder', { ...record, calendar: null });
    } else {
      const record = agenda.storedRecord('appointment', id);
      if (record) agenda.putStoredRecord('appointment', { ...record, calendar: null });
    }
  }

  private tellLocalChange(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.parts.logger.error('calendar sync change listener failed', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}

/**
 * Pulls the calendars concurrently: their requests overlap, while each calendar's changes are laid
 * over the agenda in one synchronous step, so two never interleave. Every pull ends (none goes on
 * writing after the sync reported) before the first failure is thrown.
 */
async function pullAll(
  parts: EngineParts,
  connection: CalDavConnection,
  calendars: RemoteCalendar[],
  report: SyncReport,
): Promise<void> {
  const results = await Promise.allSettled(calendars.map((c) => pullCalendar(parts, connection, c, report)));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The reminders calendar, the appointments calendar and the shown ones, each once. */
function targetCalendars(target: SyncTarget): RemoteCalendar[] {
  const byUrl = new Map<string, RemoteCalendar>();
  for (const calendar of [target.remindersCalendar, target.appointmentsCalendar, ...target.shownCalendars]) {
    if (calendar && !byUrl.has(calendar.url)) byUrl.set(calendar.url, calendar);
  }
  return [...byUrl.values()];
}
