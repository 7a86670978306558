// Runs the model's tool calls against the reminders: parses every call with its zod schema,
// asks the user before deletions or changes to several items, makes creations idempotent per
// turn, and turns every failure into a message the model can correct and a card the user sees.
import { createHash, randomUUID } from 'node:crypto';
import type { Appointment, ItemCard, Reminder, ToolCard } from '../../../common/contract';
import { isToolName, toolArguments, toolNames, type ToolArguments, type ToolName } from './tool-definitions';
import type { ReminderPort } from './reminder-port';

export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface ToolOutcome {
  /** The `tool` message content for the model. */
  content: string;
  card: ToolCard;
}

export interface ConfirmRequest {
  title: string;
  details: string[];
}

export interface ExecuteContext {
  /** Same for a retried or regenerated turn, so its creations are not made twice. */
  turnKey: string;
  /** Resolves true when the user confirmed, false when they declined (or the answer was stopped). */
  confirm(request: ConfirmRequest): Promise<boolean>;
}

type Parsed = { call: ToolCall; name: ToolName; args: unknown } | { call: ToolCall; error: string };

const CHANGES: ReadonlySet<ToolName> = new Set([
  'update_reminder',
  'complete_reminder',
  'delete_reminder',
  'snooze_reminder',
  'update_appointment',
  'delete_appointment',
]);
const DELETES: ReadonlySet<ToolName> = new Set(['delete_reminder', 'delete_appointment']);
/** Changes that must reach the calendar server, so a read-only calendar's items refuse them (a snooze stays local). */
const GUARDED: Partial<Record<ToolName, 'reminder' | 'appointment'>> = {
  update_reminder: 'reminder',
  complete_reminder: 'reminder',
  delete_reminder: 'reminder',
  update_appointment: 'appointment',
  delete_appointment: 'appointment',
};

/** A sentence refusing a change to the item (one of a read-only synced calendar), or null. */
export type RefuseChange = (ref: { kind: 'reminder' | 'appointment'; id: string }) => string | null;

export class ToolExecutor {
  private readonly undoable = new Map<string, { kind: 'reminder' | 'appointment'; id: string }>();

  constructor(
    private readonly items: ReminderPort,
    private readonly refuseChange: RefuseChange = () => null,
  ) {}

  /** Executes one model turn's calls, in order; returns one outcome per call. */
  async execute(calls: ToolCall[], context: ExecuteContext): Promise<ToolOutcome[]> {
    // Refused before any confirmation: the person is not asked about a change that cannot happen.
    const parsed = calls.map(parseCall).map((p) => this.refused(p));
    const needsConfirm = parsed.filter((p): p is Extract<Parsed, { name: ToolName }> => 'name' in p && CHANGES.has(p.name));
    const ids = new Set(needsConfirm.map((p) => (p.args as { id: string }).id));
    let declined = false;
    if (needsConfirm.some((p) => DELETES.has(p.name)) || ids.size > 1) {
      declined = !(await context.confirm(this.describe(needsConfirm)));
    }
    return parsed.map((p) => {
      if ('error' in p) return failure(p.call.name, p.error);
      if (declined && CHANGES.has(p.name)) {
        return {
          content: JSON.stringify({ ok: false, error: 'The user declined this change. Do not retry it unless they ask again.' }),
          card: { action: 'declined', tool: p.name, items: [], message: 'You declined this change.', undoToken: null },
        };
      }
      try {
        return this.run(p.name, p.args, context.turnKey);
      } catch (error) {
        return failure(p.name, error instanceof Error ? error.message : String(error));
      }
    });
  }

  /** The call turned into its refusal when it would change an item the calendar server lets Aide only read. */
  private refused(p: Parsed): Parsed {
    const kind = 'name' in p ? GUARDED[p.name] : undefined;
    if (!('name' in p) || kind === undefined) return p;
    const refusal = this.refuseChange({ kind, id: (p.args as { id: string }).id });
    return refusal === null ? p : { call: p.call, error: refusal };
  }

  /** Deletes an item created from the chat; false when the token is unknown or already used. */
  undo(token: string): boolean {
    const target = this.undoable.get(token);
    if (!target) return false;
    this.undoable.delete(token);
    if (target.kind === 'reminder') this.items.deleteReminder(target.id);
    else this.items.deleteAppointment(target.id);
    return true;
  }

  private run(name: ToolName, raw: unknown, turnKey: string): ToolOutcome {
    switch (name) {
      case 'create_reminder': {
        const a = raw as ToolArguments<'create_reminder'>;
        const sourceKey = creationKey(turnKey, name, a.title, a.due);
        const reminder = this.items.createReminder({ title: a.title, due: a.due, rrule: emptyToNull(a.rrule), notes: a.notes, sourceKey });
        return this.created('reminder', reminder, name);
      }
      case 'create_appointment': {
        const a = raw as ToolArguments<'create_appointment'>;
        const sourceKey = creationKey(turnKey, name, a.title, a.start);
        const appointment = this.items.createAppointment({
          title: a.title,
          start: a.start,
          end: a.end,
          location: a.location,
          notes: a.notes,
          rrule: emptyToNull(a.rrule),
          remindMinutesBefore: a.remind_minutes_before,
          sourceKey,
        });
        return this.created('appointment', appointment, name);
      }
      case 'list_reminders': {
        const a = raw as ToolArguments<'list_reminders'>;
        const from = parseTime(a.from, 'from');
        const to = a.to === null ? Infinity : parseTime(a.to, 'to');
        const found = this.items
          .listReminders()
          .filter((r) => (a.include_done || r.status === 'pending') && inRange(r.snoozedUntil ?? r.due, from, to, r.status === 'pending'));
        return listed(name, found.map(reminderCard), { reminders: found.map(reminderForModel) });
      }
      case 'list_appointments': {
        const a = raw as ToolArguments<'list_appointments'>;
        const from = parseTime(a.from, 'from');
        const to = a.to === null ? Infinity : parseTime(a.to, 'to');
        const found = this.items.listAppointments().filter((x) => Date.parse(x.end) >= from && Date.parse(x.start) <= to);
        return listed(name, found.map(appointmentCard), { appointments: found.map(appointmentForModel) });
      }
      case 'update_reminder': {
        const a = raw as ToolArguments<'update_reminder'>;
        const reminder = this.items.updateReminder(a.id, {
          ...(a.title !== null && { title: a.title }),
          ...(a.due !== null && { due: a.due }),
          ...(a.rrule !== null && { rrule: emptyToNull(a.rrule) }),
          ...(a.notes !== null && { notes: emptyToNull(a.notes) }),
        });
        return changed('updated', name, reminderCard(reminder), { reminder: reminderForModel(reminder) });
      }
      case 'complete_reminder': {
        const reminder = this.items.completeReminder((raw as ToolArguments<'complete_reminder'>).id);
        return changed('completed', name, reminderCard(reminder), { reminder: reminderForModel(reminder) });
      }
      case 'snooze_reminder': {
        const a = raw as ToolArguments<'snooze_reminder'>;
        const reminder = this.items.snoozeReminder(a.id, a.minutes);
        return changed('snoozed', name, reminderCard(reminder), { reminder: reminderForModel(reminder) });
      }
      case 'delete_reminder': {
        const reminder = this.items.deleteReminder((raw as ToolArguments<'delete_reminder'>).id);
        return changed('deleted', name, reminderCard(reminder), { deleted: reminderForModel(reminder) });
      }
      case 'update_appointment': {
        const a = raw as ToolArguments<'update_appointment'>;
        const appointment = this.items.updateAppointment(a.id, {
          ...(a.title !== null && { title: a.title }),
          ...(a.start !== null && { start: a.start }),
          ...(a.end !== null && { end: a.end }),
          ...(a.location !== null && { location: emptyToNull(a.location) }),
          ...(a.notes !== null && { notes: emptyToNull(a.notes) }),
          ...(a.rrule !== null && { rrule: emptyToNull(a.rrule) }),
          ...(a.remind_minutes_before !== null && { remindMinutesBefore: a.remind_minutes_before }),
        });
        return changed('updated', name, appointmentCard(appointment), { appointment: appointmentForModel(appointment) });
      }
      case 'delete_appointment': {
        const appointment = this.items.deleteAppointment((raw as ToolArguments<'delete_appointment'>).id);
        return changed('deleted', name, appointmentCard(appointment), { deleted: appointmentForModel(appointment) });
      }
    }
  }

  /** The card for an item just created (by a tool or the offline parser), with its Undo registered. */
  createdCard(kind: 'reminder' | 'appointment', item: Reminder | Appointment, tool: string): ToolCard {
    const undoToken = randomUUID();
    this.undoable.set(undoToken, { kind, id: item.id });
    const card = kind === 'reminder' ? reminderCard(item as Reminder) : appointmentCard(item as Appointment);
    return { action: 'created', tool, items: [card], message: null, undoToken };
  }

  private created(kind: 'reminder' | 'appointment', item: Reminder | Appointment, tool: ToolName): ToolOutcome {
    const forModel = kind === 'reminder' ? { reminder: reminderForModel(item as Reminder) } : { appointment: appointmentForModel(item as Appointment) };
    return { content: JSON.stringify({ ok: true, ...forModel }), card: this.createdCard(kind, item, tool) };
  }

  private describe(calls: Extract<Parsed, { name: ToolName }>[]): ConfirmRequest {
    const reminders = new Map(this.items.listReminders().map((r) => [r.id, r.title]));
    const appointments = new Map(this.items.listAppointments().map((a) => [a.id, a.title]));
    const details = calls.map(({ name, args }) => {
      const { id } = args as { id: string };
      const title = reminders.get(id) ?? appointments.get(id) ?? `unknown item ${id}`;
      const verb = { update_reminder: 'Change', update_appointment: 'Change', complete_reminder: 'Mark done', snooze_reminder: 'Snooze', delete_reminder: 'Delete', delete_appointment: 'Delete' }[name as string] ?? name;
      return `${verb} "${title}"`;
    });
    const deleting = calls.filter((c) => DELETES.has(c.name)).length;
    const title =
      deleting === calls.length
        ? `Delete ${deleting === 1 ? 'this item' : `${deleting} items`}?`
        : `Make ${calls.length} changes?`;
    return { title, details };
  }
}

/**
 * Identifies "the same creation in the same turn": a retried or regenerated answer may word its
 * arguments differently, so the key uses the normalised title and the instant, not the raw JSON.
 */
function creationKey(turnKey: string, tool: ToolName, title: string, time: string): string {
  const instant = Number.isNaN(Date.parse(time)) ? time : String(Date.parse(time));
  return createHash('sha256').update(`${turnKey}\n${tool}\n${title.trim().toLowerCase()}\n${instant}`).digest('hex').slice(0, 32);
}

function parseCall(call: ToolCall): Parsed {
  if (!isToolName(call.name)) {
    return { call, error: `Unknown tool "${call.name}". Available tools: ${toolNames.join(', ')}.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(call.arguments || '{}');
  } catch {
    return { call, error: `The arguments of ${call.name} are not valid JSON: ${call.arguments.slice(0, 200)}` };
  }
  const parsed = toolArguments[call.name].safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
    return { call, error: `Invalid arguments for ${call.name}: ${problems}.` };
  }
  return { call, name: call.name, args: parsed.data };
}

function failure(tool: string, message: string): ToolOutcome {
  return {
    content: JSON.stringify({ ok: false, error: message }),
    card: { action: 'error', tool, items: [], message, undoToken: null },
  };
}

function listed(tool: ToolName, items: ItemCard[], forModel: object): ToolOutcome {
  return { content: JSON.stringify({ ok: true, ...forModel }), card: { action: 'listed', tool, items, message: null, undoToken: null } };
}

function changed(action: ToolCard['action'], tool: ToolName, item: ItemCard, forModel: object): ToolOutcome {
  return { content: JSON.stringify({ ok: true, ...forModel }), card: { action, tool, items: [item], message: null, undoToken: null } };
}

function parseTime(value: string, field: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`Invalid ${field} "${value}": use ISO 8601 with offset, e.g. 2026-11-27T17:00:00+01:00.`);
  return time;
}

/** Overdue pending reminders always count as "in range": they still need the user. */
function inRange(time: string, from: number, to: number, pending: boolean): boolean {
  const t = Date.parse(time);
  return t <= to && (t >= from || pending);
}

const emptyToNull = (value: string | null): string | null => (value === null || value.trim() === '' ? null : value);

export function reminderCard(r: Reminder): ItemCard {
  return { kind: 'reminder', id: r.id, title: r.title, when: r.snoozedUntil ?? r.due, end: null, recurrenceText: r.recurrenceText, location: null, done: r.status === 'done' };
}

export function appointmentCard(a: Appointment): ItemCard {
  return { kind: 'appointment', id: a.id, title: a.title, when: a.start, end: a.end, recurrenceText: a.recurrenceText, location: a.location, done: false };
}

// A synced item also names its calendar (calendar sync); a local one has no `calendar` key.
function reminderForModel(r: Reminder) {
  return { id: r.id, title: r.title, due: r.due, snoozed_until: r.snoozedUntil, rrule: r.rrule, recurrence: r.recurrenceText, notes: r.notes, done: r.status === 'done', ...(r.calendar && { calendar: r.calendar.name }) };
}

function appointmentForModel(a: Appointment) {
  return { id: a.id, title: a.title, start: a.start, end: a.end, location: a.location, rrule: a.rrule, recurrence: a.recurrenceText, remind_minutes_before: a.remindMinutesBefore, ...(a.calendar && { calendar: a.calendar.name }) };
}
