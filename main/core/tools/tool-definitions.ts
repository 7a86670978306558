// The model's reminder and appointment tools (names and arguments fixed in ARCHITECTURE.md §2):
// defined once with zod, sent to the model as strict function schemas, and parsed with the same
// schemas when the model calls them.
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';

const iso = (what: string) =>
  z.string().describe(`${what}: ISO 8601 date-time with the user's UTC offset, e.g. 2026-11-27T17:00:00+01:00`);
const rrule = z
  .string()
  .nullable()
  .describe('RFC 5545 RRULE without the "RRULE:" prefix (e.g. FREQ=WEEKLY;BYDAY=MO), or null when it does not repeat');
const id = z.string().min(1).describe('The id from a create or list result');
const keep = ' (null leaves it unchanged)';

export const toolArguments = {
  create_reminder: z.strictObject({
    title: z.string().trim().min(1).max(500).describe('What to remind the user of, short, without the time'),
    due: iso('When to remind'),
    rrule,
    notes: z.string().max(10_000).nullable().describe('Extra details, or null'),
  }),
  list_reminders: z.strictObject({
    from: iso('Start of the period'),
    to: iso('End of the period').nullable(),
    include_done: z.boolean().describe('Whether to include completed reminders'),
  }),
  update_reminder: z.strictObject({
    id,
    title: z.string().trim().min(1).max(500).nullable().describe(`New title${keep}`),
    due: iso('New due time').nullable().describe(`New due time, ISO 8601 with offset${keep}`),
    rrule: z.string().nullable().describe(`New RRULE, "" to stop repeating${keep}`),
    notes: z.string().nullable().describe(`New notes, "" to clear${keep}`),
  }),
  complete_reminder: z.strictObject({ id }),
  delete_reminder: z.strictObject({ id }),
  snooze_reminder: z.strictObject({
    id,
    minutes: z.number().int().min(1).max(10_080).describe('How many minutes to snooze (1 to 10080)'),
  }),
  create_appointment: z.strictObject({
    title: z.string().trim().min(1).max(500),
    start: iso('Start'),
    end: iso('End'),
    location: z.string().max(1_000).nullable(),
    notes: z.string().max(10_000).nullable(),
    rrule,
    remind_minutes_before: z
      .number()
      .int()
      .min(0)
      .max(10_080)
      .nullable()
      .describe('Minutes before the start to notify; null for the default of 10'),
  }),
  list_appointments: z.strictObject({
    from: iso('Start of the period'),
    to: iso('End of the period').nullable(),
  }),
  update_appointment: z.strictObject({
    id,
    title: z.string().trim().min(1).max(500).nullable().describe(`New title${keep}`),
    start: z.string().nullable().describe(`New start, ISO 8601 with offset${keep}`),
    end: z.string().nullable().describe(`New end, ISO 8601 with offset${keep}`),
    location: z.string().nullable().describe(`New location, "" to clear${keep}`),
    notes: z.string().nullable().describe(`New notes, "" to clear${keep}`),
    rrule: z.string().nullable().describe(`New RRULE, "" to stop repeating${keep}`),
    remind_minutes_before: z.number().int().min(0).max(10_080).nullable().describe(`Minutes before${keep}`),
  }),
  delete_appointment: z.strictObject({ id }),
} as const;

export type ToolName = keyof typeof toolArguments;
export type ToolArguments<N extends ToolName> = z.output<(typeof toolArguments)[N]>;
export const toolNames = Object.keys(toolArguments) as ToolName[];

export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(toolArguments, name);
}

const descriptions: Record<ToolName, string> = {
  create_reminder: 'Create a reminder that notifies the user at a time, optionally repeating.',
  list_reminders: 'List reminders due in a period, with their ids.',
  update_reminder: 'Change a reminder found by create_reminder or list_reminders.',
  complete_reminder: 'Mark a reminder done (a repeating one moves to its next time).',
  delete_reminder: 'Delete a reminder. The user is asked to confirm.',
  snooze_reminder: 'Snooze a reminder for some minutes.',
  create_appointment: 'Create an appointment (a calendar event with a start and an end).',
  list_appointments: 'List appointments in a period, with their ids.',
  update_appointment: 'Change an appointment found by create_appointment or list_appointments.',
  delete_appointment: 'Delete an appointment. The user is asked to confirm.',
};

/** Keywords strict function schemas do not accept everywhere; our own zod parse still checks them. */
const UNSENT_KEYWORDS = new Set(['$schema', 'minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'format']);

function wireSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wireSchema);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !UNSENT_KEYWORDS.has(key))
      .map(([key, inner]) => [key, key === 'properties' ? mapValues(inner, wireSchema) : wireSchema(inner)]),
  );
}

function mapValues(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fn(v)]));
}

/** The `tools` parameter of a Chat Completions request. */
export const toolSpecs: ChatCompletionFunctionTool[] = toolNames.map((name) => ({
  type: 'function',
  function: {
    name,
    description: descriptions[name],
    strict: true,
    parameters: wireSchema(z.toJSONSchema(toolArguments[name], { io: 'input' })) as Record<string, unknown>,
  },
}));

/** The tool definitions as a request carries them, for their share of the context window. */
export const TOOL_SPECS_TEXT = JSON.stringify(toolSpecs);
