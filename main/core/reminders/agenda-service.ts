// The agenda: reminders and appointments, and what the tools, the Reminders view and the scheduler
// ask of them. Checks each request, keeps recurrence bookkeeping, and stores through ReminderStore.
import { randomUUID } from 'node:crypto';
import type { Appointment, Reminder } from '../../../common/contract';
import type { StoreFactory } from '../core-options';
import type { Clock, Logger } from '../ports';
import {
  appointmentAfterFiring,
  endKeepingDuration,
  FiringCache,
  reminderAfterDone,
  reminderAfterFiring,
} from './fire-bookkeeping';
import {
  checkRemindMinutes,
  checkRRule,
  checkSnoozeMinutes,
  checkTitle,
  cleanText,
  describe,
  endAfter,
  futureTime,
} from './item-checks';
import {
  ItemError,
  type AppointmentPatch,
  type Firing,
  type ItemKind,
  type ItemRef,
  type NewAppointment,
  type NewReminder,
  type ReminderPatch,
} from './reminder-items';
import { ReminderStore, type ItemRecords } from './reminder-store';
import type { AppointmentRecord, ReminderRecord } from './reminder-store-schema';
import { isValidTimeZone, toZonedIso } from './zone-offsets';

// The operations that call the service catch its refusals by this name.
export { ItemError };

export interface ReminderServiceOptions {
  openStore: StoreFactory;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  /** The user's IANA zone, read at each creation. */
  timeZone: () => string;
  /** Changes after which the journal is folded into the snapshot; shortened by tests. */
  foldAfter?: number;
}

type NewItemInput = Pick<NewReminder & NewAppointment, 'notes' | 'sourceKey'>;

const KINDS: readonly ItemKind[] = ['reminder', 'appointment'];
const LIST_TOOL: Record<ItemKind, string> = { reminder: 'list_reminders', appointment: 'list_appointments' };

export class AgendaService {
  readonly notice: string | null;

  private constructor(
    private readonly options: ReminderServiceOptions,
    private readonly store: ReminderStore,
    private readonly firings: FiringCache,
  ) {
    this.notice = this.store.notice;
  }

  /** Loads the items (a slice at a time, without holding the event loop); usable once it resolves. */
  static async open(options: ReminderServiceOptions): Promise<AgendaService> {
    const firings = new FiringCache();
    const store = await ReminderStore.open({
      ...options,
      timeZone: () => zoneOf(options),
      // Each item's firing is worked out as it loads, so the scheduler's first check does not do 10,000 at once.
      onRecord: (record) => firings.of(record),
    });
    return new AgendaService(options, store, firings);
  }

  /** Resolves once the journal's background fold, if any, is on disk. */
  settled(): Promise<void> {
    return this.store.settled();
  }

  onChange(listener: (changed: readonly ItemRef[]) => void): () => void {
    return this.store.onChange(listener);
  }

  /** Runs `change` with one file write and one change notification at the end, however many items it touches. */
  batch<T>(change: () => T): T {
    return this.store.batch(change);
  }

  listReminders(): Reminder[] {
    const key = (r: ReminderRecord) => (r.status === 'pending' ? 0 : 1);
    return [...this.store.values('reminder')]
      .map((record) => ({ record, when: Date.parse(record.snoozedUntil ?? record.due) }))
      .sort((a, b) => key(a.record) - key(b.record) || a.when - b.when)
      .map(({ record }) => publicItem(record));
  }

  /** The reminders with this title, unsorted: a lookup that does not copy and sort all of them. */
  remindersTitled(title: string): Reminder[] {
    const out: Reminder[] = [];
    for (const record of this.store.values('reminder')) if (record.title === title) out.push(publicItem(record));
    return out;
  }

  listAppointments(): Appointment[] {
    return [...this.store.values('appointment')]
      .map((record) => ({ record, when: Date.parse(record.start) }))
      .sort((a, b) => a.when - b.when)
      .map(({ record }) => publicItem(record));
  }

  getReminder(id: string): Reminder {
    return publicItem(this.record('reminder', id));
  }

  getAppointment(id: string): Appointment {
    return publicItem(this.record('appointment', id));
  }

  createReminder(input: NewReminder): Reminder {
    const existing = this.bySourceKey('reminder', input.sourceKey);
    if (existing) return publicItem(existing);
    const timeZone = this.zone();
    const title = checkTitle(input.title, 'reminder');
    const due = futureTime(input.due, 'due time', timeZone, this.now());
    const rrule = checkRRule(input.rrule);
    const base = this.newItem(input, title, rrule, timeZone, due);
    return this.add('reminder', { ...base, due, start: due, status: 'pending', snoozedUntil: null, doneAt: null });
  }

  /** A new due time starts the reminder afresh: not snoozed, not fired, pending. */
  updateReminder(id: string, patch: ReminderPatch): Reminder {
    const current = this.record('reminder', id);
    const next: ReminderRecord = { ...current };
    if (patch.title !== undefined) next.title = checkTitle(patch.title, 'reminder');
    if (patch.notes !== undefined) next.notes = cleanText(patch.notes);
    if (patch.due !== undefined) {
      const due = futureTime(patch.due, 'due time', current.timeZone, this.now());
      Object.assign(next, { due, start: due, snoozedUntil: null, firedFor: null, status: 'pending', doneAt: null });
    }
    if (patch.rrule !== undefined) next.rrule = checkRRule(patch.rrule);
    next.recurrenceText = describe(next.rrule, next.start, next.timeZone);
    return this.save('reminder', next);
  }

  /** One-shot: done; recurring: on to its next occurrence (see reminderAfterDone). */
  completeReminder(id: string): Reminder {
    const current = this.record('reminder', id);
    if (current.status === 'done') return publicItem(current);
    return this.save('reminder', reminderAfterDone(current, this.now()));
  }

  snoozeReminder(id: string, minutes: number): Reminder {
    const current = this.record('reminder', id);
    checkSnoozeMinutes(minutes);
    if (current.status === 'done')
      throw new ItemError(`The reminder "${current.title}" is already done; it cannot be snoozed.`);
    const until = new Date(this.now().getTime() + minutes * 60_000);
    return this.save('reminder', { ...current, snoozedUntil: toZonedIso(until, current.timeZone) });
  }

  deleteReminder(id: string): Reminder {
    return publicItem(this.remove('reminder', id));
  }

  createAppointment(input: NewAppointment): Appointment {
    const existing = this.bySourceKey('appointment', input.sourceKey);
    if (existing) return publicItem(existing);
    const timeZone = this.zone();
    const title = checkTitle(input.title, 'appointment');
    const start = futureTime(input.start, 'start', timeZone, this.now());
    const end = endAfter(start, input.end, timeZone);
    const rrule = checkRRule(input.rrule);
    return this.add('appointment', {
      ...this.newItem(input, title, rrule, timeZone, start),
      start,
      end,
      firstStart: start,
      location: cleanText(input.location),
      remindMinutesBefore: checkRemindMinutes(input.remindMinutesBefore),
    });
  }

  /** A new start without a new end keeps the duration. */
  updateAppointment(id: string, patch: AppointmentPatch): Appointment {
    const current = this.record('appointment', id);
    const next: AppointmentRecord = { ...current };
    if (patch.title !== undefined) next.title = checkTitle(patch.title, 'appointment');
    if (patch.location !== undefined) next.location = cleanText(patch.location);
    if (patch.notes !== undefined) next.notes = cleanText(patch.notes);
    if (patch.remindMinutesBefore !== undefined)
      next.remindMinutesBefore = checkRemindMinutes(patch.remindMinutesBefore);
    if (patch.start !== undefined) {
      const start = futureTime(patch.start, 'start', current.timeZone, this.now());
      Object.assign(next, { start, firstStart: start, firedFor: null });
      if (patch.end === undefined) next.end = endKeepingDuration(current, new Date(Date.parse(start)));
    }
    if (patch.end !== undefined) next.end = endAfter(next.start, patch.end, current.timeZone);
    if (patch.rrule !== undefined) next.rrule = checkRRule(patch.rrule);
    next.recurrenceText = describe(next.rrule, next.firstStart, next.timeZone);
    return this.save('appointment', next);
  }

  deleteAppointment(id: string): Appointment {
    return publicItem(this.remove('appointment', id));
  }

  /** Every notification still to come (or overdue and not yet fired), up to `until` (ms) when given. */
  upcoming(until = Infinity): Firing[] {
    const out: Firing[] = [];
    for (const kind of KINDS) {
      for (const record of this.store.values(kind)) {
        const firing = this.firings.of(record);
        if (firing && firing.fireAt <= until) out.push(firing);
      }
    }
    return out;
  }

  firing(ref: ItemRef): Firing | null {
    const record = this.store.get(ref.kind, ref.id);
    return record ? this.firings.of(record) : null;
  }

  /** Records that the item notified for `firedFor`; a recurring item moves on to its next occurrence. */
  markFired(kind: ItemKind, id: string, firedFor: string): void {
    const now = this.now().getTime();
    if (kind === 'reminder') {
      const current = this.store.get('reminder', id);
      if (current) this.store.put('reminder', reminderAfterFiring(current, firedFor, now));
    } else {
      const current = this.store.get('appointment', id);
      if (current) this.store.put('appointment', appointmentAfterFiring(current, firedFor, now));
    }
  }

  // Calendar sync (calendar-sync/) reads and writes records as the server has them: past times,
  // rules and bookkeeping included, so without the checks meant for the model's requests. Its
  // writes go through the same store, so listeners (the scheduler, the Reminders view) follow.

  storedRecord<K extends ItemKind>(kind: K, id: string): ItemRecords[K] | undefined {
    return this.store.get(kind, id);
  }

  storedRecords<K extends ItemKind>(kind: K): IterableIterator<ItemRecords[K]> {
    return this.store.values(kind);
  }

  putStoredRecord<K extends ItemKind>(kind: K, record: ItemRecords[K]): void {
    this.store.put(kind, record);
  }

  removeStoredRecord(kind: ItemKind, id: string): void {
    if (this.store.get(kind, id)) this.store.remove(kind, id);
  }

  /** The fields every new item starts with, from its checked parts; `first` is its first occurrence. */
  private newItem(input: NewItemInput, title: string, rrule: string | null, timeZone: string, first: string) {
    const stamp = this.stamp();
    return {
      id: randomUUID(),
      title,
      rrule,
      notes: cleanText(input.notes),
      timeZone,
      firedFor: null,
      createdAt: stamp,
      updatedAt: stamp,
      recurrenceText: describe(rrule, first, timeZone),
      sourceKey: input.sourceKey ?? null,
    };
  }

  private record<K extends ItemKind>(kind: K, id: string): ItemRecords[K] {
    const record = this.store.get(kind, id);
    if (!record)
      throw new ItemError(
        `No ${kind} with id "${id}". Call ${LIST_TOOL[kind]} to find the id.`,
        `This ${kind} no longer exists; it may have been deleted in another window.`,
      );
    return record;
  }

  private bySourceKey<K extends ItemKind>(kind: K, sourceKey: string | undefined): ItemRecords[K] | undefined {
    if (sourceKey === undefined) return undefined;
    for (const record of this.store.values(kind)) if (record.sourceKey === sourceKey) return record;
    return undefined;
  }

  private add<K extends ItemKind>(kind: K, record: ItemRecords[K]): Omit<ItemRecords[K], 'sourceKey'> {
    this.store.put(kind, record);
    return publicItem(record);
  }

  private save<K extends ItemKind>(kind: K, record: ItemRecords[K]): Omit<ItemRecords[K], 'sourceKey'> {
    return this.add(kind, { ...record, updatedAt: this.stamp() });
  }

  private remove<K extends ItemKind>(kind: K, id: string): ItemRecords[K] {
    const current = this.record(kind, id);
    this.store.remove(kind, id);
    return current;
  }

  private zone(): string {
    return zoneOf(this.options);
  }

  private now(): Date {
    return this.options.clock.now();
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

/** The record as callers see it: without the idempotency key. */
function publicItem<R extends { sourceKey: string | null }>(record: R): Omit<R, 'sourceKey'> {
  const { sourceKey: _sourceKey, ...item } = record;
  return item;
}

function zoneOf(options: Pick<ReminderServiceOptions, 'timeZone' | 'logger'>): string {
  const zone = options.timeZone();
  if (isValidTimeZone(zone)) return zone;
  options.logger.warn('unknown time zone, using UTC', { zone });
  return 'UTC';
}
