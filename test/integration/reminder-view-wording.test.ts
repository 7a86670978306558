// What the Reminders view says when a change is refused: sentences for a person, never the
// instructions the same refusal gives the model ("Ask the user…", "Call list_reminders…").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/core-harness';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => harness.close());

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('a refused change in the Reminders view', () => {
  it('moving a reminder into the past asks for a later time, in words for the person', async () => {
    const created = await harness.core.dispatch('quickAsk', { text: 'remind me to water the plants in 2 hours' });
    expect((created as { kind: string }).kind).toBe('created');
    const [reminder] = (await harness.core.dispatch('listReminders', undefined)) as { id: string }[];
    const result = await harness.core.dispatch('updateReminder', { id: reminder!.id, due: '2020-01-01T09:00:00Z' });
    expect(result).toEqual({ ok: false, error: 'The due time you chose is in the past. Choose a later time.' });
  });

  it('a reminder or appointment deleted meanwhile says so, without naming a tool', async () => {
    expect(await harness.core.dispatch('deleteReminder', { id: 'gone' })).toEqual({
      ok: false,
      error: 'This reminder no longer exists; it may have been deleted in another window.',
    });
    expect(await harness.core.dispatch('updateAppointment', { id: 'gone', start: inAnHour() })).toEqual({
      ok: false,
      error: 'This appointment no longer exists; it may have been deleted in another window.',
    });
  });
});
