import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alwaysOpen } from '../../renderer/src/connection';
import { modelDoes, reminderCall, type ToolCall } from '../support/model-turns';
import { startAide, type RealAide } from '../support/renderer-core';
import { catchDownloads } from './downloads';
import { renderApp } from './render-app';

// Monday 5 January 2026, 10:00 local time, for the app and the core; only Date is faked, so
// timers (the core's, the fake server's, waitFor's) still run.
const NOW = new Date(2026, 0, 5, 10, 0);
const at = (day: number, hour: number, minute = 0) => new Date(2026, 0, day, hour, minute);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A button once it can be pressed again: an item's buttons wait while its change is on its way. */
const ready = (scope: HTMLElement, name: string): Promise<HTMLButtonElement> =>
  waitFor(() => {
    const button = [...scope.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === name);
    if (!button || button.disabled) throw new Error(`${name} is not ready`);
    return button;
  });

const region = () => screen.getByRole('region', { name: 'Reminders' });
const item = (title: string): HTMLElement => {
  const found = within(region())
    .getAllByRole('listitem')
    .find((li) => li.querySelector('.item-title')?.textContent === title);
  if (!found) throw new Error(`No item "${title}"`);
  return found;
};

async function openReminders(app: RealAide, browserMode = false) {
  renderApp(app.aide, alwaysOpen, browserMode);
  fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
  await waitFor(() => expect(screen.queryByText('Loading…')).toBeNull());
}

const appointmentCall = (title: string, start: Date, end: Date, more: object = {}): ToolCall => [
  'create_appointment',
  {
    title,
    start: start.toISOString(),
    end: end.toISOString(),
    location: null,
    notes: null,
    rrule: null,
    remind_minutes_before: null,
    ...more,
  },
];

/** A week of reminders and appointments, set up by the model on Sunday morning. */
async function sample(): Promise<RealAide> {
  vi.setSystemTime(at(4, 7, 0));
  const app = await startAide();
  await modelDoes(
    app,
    reminderCall('Pay rent', at(5, 9)),
    reminderCall('Call mom', at(5, 17)),
    reminderCall('Water plants', at(6, 9), 'FREQ=DAILY'),
    reminderCall('Stretch', at(5, 9, 30)),
    reminderCall('Buy milk', at(4, 8)),
    appointmentCall('Dentist', at(6, 15), at(6, 16), { location: 'Main St 4' }),
    appointmentCall('Team sync', at(7, 10), at(7, 10, 30), { rrule: 'FREQ=WEEKLY;BYDAY=WE' }),
  );
  const id = (title: string) => app.other.listReminders().then((all) => all.find((r) => r.title === title)!.id);
  await app.other.completeReminder({ id: await id('Buy milk') });
  // Until Wednesday 11:00.
  await app.other.snoozeReminder({ id: await id('Stretch'), minutes: (3 * 24 + 4) * 60 });
  vi.setSystemTime(NOW);
  return app;
}

const stored = async (app: RealAide, title: string) => (await app.other.listReminders()).find((r) => r.title === title);

describe('the Reminders view', () => {
  it('lists reminders by Overdue, Upcoming by day and Done, and appointments in the Agenda', async () => {
    await openReminders(await sample());

    const overdue = within(region()).getByRole('region', { name: 'Overdue' });
    expect(within(overdue).getAllByRole('listitem')).toHaveLength(1);
    expect(within(overdue).getByRole('listitem').textContent).toContain('Pay rent');
    expect(within(overdue).getByRole('listitem').textContent).toContain('Today 09:00');

    const upcoming = within(region()).getByRole('region', { name: 'Upcoming' });
    const days = [...upcoming.querySelectorAll('h3')].map((h) => h.textContent);
    expect(days).toEqual(['Today', 'Tomorrow', 'Wed 7 Jan']);
    expect(item('Call mom').textContent).toContain('Today 17:00');
    expect(item('Water plants').textContent).toContain('Tomorrow 09:00');
    expect(item('Water plants').textContent).toContain('every day at 09:00');
    expect(item('Stretch').textContent).toContain('snoozed until Wed 7 Jan 11:00');

    // Done starts collapsed.
    expect(within(region()).getByRole('region', { name: 'Done' }).textContent).toContain('1');
    expect(within(region()).queryByText('Buy milk')).toBeNull();
    fireEvent.click(within(region()).getByRole('button', { name: 'Show completed' }));
    expect(item('Buy milk').textContent).toContain('done');
    expect(within(item('Buy milk')).queryByRole('button', { name: /^Done/ })).toBeNull();

    const agenda = within(region()).getByRole('region', { name: 'Agenda' });
    expect(agenda.textContent).toContain('Tomorrow');
    expect(item('Dentist').textContent).toContain('15:00–16:00');
    expect(item('Dentist').textContent).toContain('Main St 4');
    expect(item('Team sync').textContent).toContain('every Wednesday at 10:00');
  });

  it('offers Snooze, Done and Delete on every pending reminder, named after it', async () => {
    await openReminders(await sample());
    const call = within(item('Call mom'));
    expect(call.getByRole('button', { name: 'Snooze "Call mom"' })).toBeTruthy();
    expect(call.getByRole('button', { name: 'Done "Call mom"' })).toBeTruthy();
    expect(call.getByRole('button', { name: 'Delete "Call mom"' })).toBeTruthy();
    expect(call.getAllByRole('button', { name: /^Snooze/ })).toHaveLength(1);
  });

  it('snoozes for 10 minutes, or for a time picked from the menu', async () => {
    const app = await sample();
    await openReminders(app);

    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Snooze "Call mom"' }));
    await waitFor(() => expect(item('Call mom').textContent).toContain('snoozed until Today 10:10'));
    expect(Date.parse((await stored(app, 'Call mom'))!.snoozedUntil!)).toBe(at(5, 10, 10).getTime());

    fireEvent.click(await ready(item('Call mom'), 'More snooze times for "Call mom"'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Tomorrow 09:00' }));
    expect(screen.queryByRole('menu')).toBeNull();
    await waitFor(() => expect(item('Call mom').textContent).toContain('snoozed until Tomorrow 09:00'));
    expect(Date.parse((await stored(app, 'Call mom'))!.snoozedUntil!)).toBe(at(6, 9).getTime());
  });

  it('marks a reminder done, and it moves to Done', async () => {
    const app = await sample();
    await openReminders(app);
    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Done "Call mom"' }));

    await waitFor(() => expect(within(region()).queryByText('Call mom')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Show completed' }));
    expect(item('Call mom').className).toContain('done');
    expect((await stored(app, 'Call mom'))?.status).toBe('done');
  });

  it('asks before deleting; Cancel keeps the reminder and Confirm deletes it', async () => {
    const app = await sample();
    await openReminders(app);

    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Delete "Call mom"' }));
    let dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('Call mom');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(item('Call mom')).toBeTruthy();
    expect(await stored(app, 'Call mom')).toBeDefined();

    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Delete "Call mom"' }));
    dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(within(region()).queryByText('Call mom')).toBeNull());
    expect(await stored(app, 'Call mom')).toBeUndefined();
  });

  it('edits title and time in place, as local time', async () => {
    const app = await sample();
    await openReminders(app);

    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Edit "Call mom"' }));
    const form = screen.getByRole('form', { name: 'Edit "Call mom"' });
    expect(within(form).getByLabelText<HTMLInputElement>('Due').value).toBe('2026-01-05T17:00');
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Call mum' } });
    fireEvent.change(within(form).getByLabelText('Due'), { target: { value: '2026-01-05T18:30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(item('Call mum').textContent).toContain('Today 18:30');
    expect(Date.parse((await stored(app, 'Call mum'))!.due)).toBe(at(5, 18, 30).getTime());
  });

  it('shows why an edit was refused next to the item and keeps what the user typed', async () => {
    const app = await sample();
    await openReminders(app);

    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Edit "Call mom"' }));
    fireEvent.change(screen.getByLabelText('Due'), { target: { value: '2025-01-01T08:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await within(item('Call mom')).findByRole('alert');
    expect(alert.textContent).toBe('The due time you chose is in the past. Choose a later time.');
    expect(screen.getByLabelText<HTMLInputElement>('Due').value).toBe('2025-01-01T08:00');
    expect(screen.getByRole('form', { name: 'Edit "Call mom"' })).toBeTruthy();
    expect(Date.parse((await stored(app, 'Call mom'))!.due)).toBe(at(5, 17).getTime());
  });

  it('edits and deletes appointments', async () => {
    const app = await sample();
    await openReminders(app);
    const dentist = async () => (await app.other.listAppointments()).find((a) => a.title === 'Dentist');

    fireEvent.click(within(item('Dentist')).getByRole('button', { name: 'Edit "Dentist"' }));
    fireEvent.change(screen.getByLabelText('End'), { target: { value: '2026-01-06T14:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(within(item('Dentist')).getByText('The end must come after the start.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('End'), { target: { value: '2026-01-06T16:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(item('Dentist').textContent).toContain('15:00–16:30'));
    const changed = await dentist();
    expect([Date.parse(changed!.start), Date.parse(changed!.end)]).toEqual([
      at(6, 15).getTime(),
      at(6, 16, 30).getTime(),
    ]);
    expect(changed?.location).toBe('Main St 4');

    fireEvent.click(await ready(item('Dentist'), 'Delete "Dentist"'));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(within(region()).queryByText('Dentist')).toBeNull());
    expect(await dentist()).toBeUndefined();
  });

  it('follows changes made elsewhere live', async () => {
    const app = await sample();
    await openReminders(app);

    // The model, in another window, adds one and deletes another.
    await modelDoes(app, reminderCall('Book flights', at(6, 12)));
    await act(async () => {
      await app.other.deleteReminder({ id: (await stored(app, 'Pay rent'))!.id });
    });

    await waitFor(() => expect(item('Book flights').textContent).toContain('Tomorrow 12:00'));
    expect(within(region()).queryByText('Pay rent')).toBeNull();
    expect(within(region()).queryByRole('region', { name: 'Overdue' })).toBeNull();
  });

  it('tells the user how to add reminders when there are none', async () => {
    await openReminders(await startAide());
    expect(region().textContent).toContain('Remind me to call mom tomorrow at 5pm');
    expect(within(region()).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('downloads the calendar export as the file main names', async () => {
    const app = await sample();
    const { clicked, blobs, revoked } = catchDownloads('blob:aide/1');
    await openReminders(app);

    fireEvent.click(screen.getByRole('button', { name: 'Export calendar' }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toBe('aide-2026-01-05.ics');
    expect(clicked[0]?.href).toBe('blob:aide/1');
    const calendar = await blobs[0]!.text();
    expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\n/);
    for (const title of ['Pay rent', 'Call mom', 'Water plants', 'Dentist', 'Team sync'])
      expect(calendar).toContain(`SUMMARY:${title}`);
    expect(blobs[0]?.type).toBe('text/calendar');
    await waitFor(() => expect(revoked('blob:aide/1')).toBe(true));
  });

  it('offers desktop notifications in browser mode while the user has not decided', async () => {
    const requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
    vi.stubGlobal('Notification', Object.assign(vi.fn(), { permission: 'default', requestPermission }));
    await openReminders(await startAide({ desktop: false }), true);

    fireEvent.click(screen.getByRole('button', { name: 'Enable desktop notifications' }));

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Enable desktop notifications' })).toBeNull());
    expect(requestPermission).toHaveBeenCalledOnce();
  });
});

describe('pausing reminders', () => {
  it('pauses for an hour, shows until when, and resumes', async () => {
    const app = await sample();
    await openReminders(app);

    fireEvent.click(screen.getByRole('button', { name: 'Pause reminders for 1 hour' }));

    expect((await screen.findByText(/Reminders paused until/)).textContent).toBe('Reminders paused until 11:00');
    expect(screen.queryByRole('button', { name: 'Pause reminders for 1 hour' })).toBeNull();
    expect(Date.parse((await app.other.getSettings()).remindersPausedUntil!)).toBe(at(5, 11).getTime());

    fireEvent.click(screen.getByRole('button', { name: 'Resume reminders' }));

    await screen.findByRole('button', { name: 'Pause reminders for 1 hour' });
    expect(screen.queryByText(/Reminders paused until/)).toBeNull();
    expect((await app.other.getSettings()).remindersPausedUntil).toBeNull();
  });

  it('follows a pause made elsewhere (the tray), and shows one made before it opened', async () => {
    const app = await sample();
    await app.other.pauseReminders({ minutes: 45 });
    await openReminders(app);
    expect((await screen.findByText(/Reminders paused until/)).textContent).toBe('Reminders paused until 10:45');

    await act(() => app.other.pauseReminders({ minutes: 0 }));
    expect(screen.queryByText(/Reminders paused until/)).toBeNull();

    // Until tomorrow 09:30.
    await act(() => app.other.pauseReminders({ minutes: 23 * 60 + 30 }));
    expect(screen.getByText(/Reminders paused until/).textContent).toBe('Reminders paused until tomorrow 09:30');
  });
});
