import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeAide } from './fake-aide';
import { renderApp } from './render-app';

// Monday 5 January 2026, 10:00 local time; only Date is faked, so waitFor's timers still run.
const NOW = new Date(2026, 0, 5, 10, 0);
const at = (day: number, hour: number, minute = 0): string => new Date(2026, 0, day, hour, minute).toISOString();

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

async function openReminders(fake: FakeAide, browserMode = false) {
  renderApp(fake, undefined, browserMode);
  fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
  await waitFor(() => expect(fake.calls).toContain('listAppointments'));
  await waitFor(() => expect(screen.queryByText('Loading…')).toBeNull());
}

function sample() {
  const fake = new FakeAide();
  fake.addReminder({ title: 'Pay rent', due: at(5, 9) });
  fake.addReminder({ title: 'Call mom', due: at(5, 17) });
  fake.addReminder({
    title: 'Water plants',
    due: at(6, 9),
    rrule: 'FREQ=DAILY',
    recurrenceText: 'every day at 09:00',
  });
  fake.addReminder({ title: 'Stretch', due: at(5, 9, 30), snoozedUntil: at(7, 11) });
  fake.addReminder({ title: 'Buy milk', due: at(4, 8), status: 'done', doneAt: at(4, 8, 5) });
  fake.addAppointment({
    title: 'Dentist',
    start: at(6, 15),
    end: at(6, 16),
    location: 'Main St 4',
  });
  fake.addAppointment({
    title: 'Team sync',
    start: at(7, 10),
    end: at(7, 10, 30),
    rrule: 'FREQ=WEEKLY;BYDAY=WE',
    recurrenceText: 'every Wednesday at 10:00',
  });
  return fake;
}

describe('the Reminders view', () => {
  it('lists reminders by Overdue, Upcoming by day and Done, and appointments in the Agenda', async () => {
    await openReminders(sample());

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
    expect(screen.queryByText('Buy milk')).toBeNull();
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
    const fake = sample();
    await openReminders(fake);
    const call = within(item('Call mom'));
    expect(call.getByRole('button', { name: 'Snooze "Call mom"' })).toBeTruthy();
    expect(call.getByRole('button', { name: 'Done "Call mom"' })).toBeTruthy();
    expect(call.getByRole('button', { name: 'Delete "Call mom"' })).toBeTruthy();
    expect(call.getAllByRole('button', { name: /^Snooze/ })).toHaveLength(1);
  });

  it('snoozes for 10 minutes, or for a time picked from the menu', async () => {
    const fake = sample();
    const id = fake.reminders.find((r) => r.title === 'Call mom')?.id;
    await openReminders(fake);

    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Snooze "Call mom"' }));
    await waitFor(() => expect(fake.requestsOf('snoozeReminder')).toEqual([{ id, minutes: 10 }]));
    await waitFor(() => expect(item('Call mom').textContent).toContain('snoozed until Today 10:10'));

    fireEvent.click(await ready(item('Call mom'), 'More snooze times for "Call mom"'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Tomorrow 09:00' }));
    // From Monday 10:00 to Tuesday 09:00.
    await waitFor(() => expect(fake.requestsOf('snoozeReminder')[1]).toEqual({ id, minutes: 23 * 60 }));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('marks a reminder done, and it moves to Done', async () => {
    const fake = sample();
    await openReminders(fake);
    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Done "Call mom"' }));

    await waitFor(() => expect(screen.queryByText('Call mom')).toBeNull());
    expect(fake.requestsOf('completeReminder')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Show completed' }));
    expect(item('Call mom').className).toContain('done');
  });

  it('asks before deleting; Cancel keeps the reminder and Confirm deletes it', async () => {
    const fake = sample();
    await openReminders(fake);

    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Delete "Call mom"' }));
    let dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('Call mom');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls).not.toContain('deleteReminder');
    expect(item('Call mom')).toBeTruthy();

    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Delete "Call mom"' }));
    dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.queryByText('Call mom')).toBeNull());
    expect(fake.requestsOf('deleteReminder')).toHaveLength(1);
  });

  it('edits title and time in place, sending the time with the local offset', async () => {
    const fake = sample();
    const id = fake.reminders.find((r) => r.title === 'Call mom')?.id;
    await openReminders(fake);

    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Edit "Call mom"' }));
    const form = screen.getByRole('form', { name: 'Edit "Call mom"' });
    expect(within(form).getByLabelText<HTMLInputElement>('Due').value).toBe('2026-01-05T17:00');
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Call mum' } });
    fireEvent.change(within(form).getByLabelText('Due'), { target: { value: '2026-01-05T18:30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    const [request] = fake.requestsOf('updateReminder');
    expect(request?.id).toBe(id);
    expect(request?.title).toBe('Call mum');
    expect(new Date(request?.due as string).getTime()).toBe(new Date(2026, 0, 5, 18, 30).getTime());
    expect(request?.due).toMatch(/T18:30:00[+-]\d{2}:\d{2}$/);
    expect(item('Call mum').textContent).toContain('Today 18:30');
  });

  it('shows why an edit was refused next to the item and keeps what the user typed', async () => {
    const fake = sample();
    fake.failures.set('updateReminder', 'That time is in the past.');
    await openReminders(fake);

    fireEvent.click(within(item('Call mom')).getByRole('button', { name: 'Edit "Call mom"' }));
    fireEvent.change(screen.getByLabelText('Due'), { target: { value: '2025-01-01T08:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await within(item('Call mom')).findByRole('alert');
    expect(alert.textContent).toContain('That time is in the past.');
    expect(screen.getByLabelText<HTMLInputElement>('Due').value).toBe('2025-01-01T08:00');
    expect(screen.getByRole('form', { name: 'Edit "Call mom"' })).toBeTruthy();
  });

  it('edits and deletes appointments', async () => {
    const fake = sample();
    await openReminders(fake);

    fireEvent.click(within(item('Dentist')).getByRole('button', { name: 'Edit "Dentist"' }));
    fireEvent.change(screen.getByLabelText('End'), { target: { value: '2026-01-06T14:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(within(item('Dentist')).getByText('The end must come after the start.')).toBeTruthy();
    expect(fake.calls).not.toContain('updateAppointment');

    fireEvent.change(screen.getByLabelText('End'), { target: { value: '2026-01-06T16:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(item('Dentist').textContent).toContain('15:00–16:30'));
    expect(Object.keys(fake.requestsOf('updateAppointment')[0] ?? {})).toEqual(['id', 'end']);

    fireEvent.click(await ready(item('Dentist'), 'Delete "Dentist"'));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.queryByText('Dentist')).toBeNull());
    expect(fake.calls).toContain('deleteAppointment');
  });

  it('follows remindersChanged live', async () => {
    const fake = sample();
    await openReminders(fake);

    fake.addReminder({ title: 'Book flights', due: at(6, 12) });
    fake.reminders = fake.reminders.filter((r) => r.title !== 'Pay rent');
    act(() => fake.changed());

    expect(item('Book flights').textContent).toContain('Tomorrow 12:00');
    expect(screen.queryByText('Pay rent')).toBeNull();
    expect(within(region()).queryByRole('region', { name: 'Overdue' })).toBeNull();
  });

  it('tells the user how to add reminders when there are none', async () => {
    await openReminders(new FakeAide());
    expect(region().textContent).toContain('Remind me to call mom tomorrow at 5pm');
    expect(within(region()).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('downloads the calendar export as the file main names', async () => {
    const fake = sample();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:aide/1';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await openReminders(fake);

    fireEvent.click(screen.getByRole('button', { name: 'Export calendar' }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toBe('aide.ics');
    expect(clicked[0]?.href).toBe('blob:aide/1');
    expect(await blobs[0]?.text()).toBe(fake.calendar.content);
    expect(blobs[0]?.type).toBe('text/calendar');
    await waitFor(() => expect(revoke).toHaveBeenCalledWith('blob:aide/1'));
  });

  it('offers desktop notifications in browser mode while the user has not decided', async () => {
    const requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
    vi.stubGlobal('Notification', Object.assign(vi.fn(), { permission: 'default', requestPermission }));
    await openReminders(new FakeAide(), true);

    fireEvent.click(screen.getByRole('button', { name: 'Enable desktop notifications' }));

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Enable desktop notifications' })).toBeNull());
    expect(requestPermission).toHaveBeenCalledOnce();
  });
});

describe('pausing reminders', () => {
  it('pauses for an hour, shows until when, and resumes', async () => {
    const fake = sample();
    await openReminders(fake);

    fireEvent.click(screen.getByRole('button', { name: 'Pause reminders for 1 hour' }));

    expect((await screen.findByText(/Reminders paused until/)).textContent).toBe('Reminders paused until 11:00');
    expect(fake.requestsOf('pauseReminders')).toEqual([{ minutes: 60 }]);
    expect(screen.queryByRole('button', { name: 'Pause reminders for 1 hour' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Resume reminders' }));

    await screen.findByRole('button', { name: 'Pause reminders for 1 hour' });
    expect(screen.queryByText(/Reminders paused until/)).toBeNull();
    expect(fake.requestsOf('pauseReminders')).toEqual([{ minutes: 60 }, { minutes: 0 }]);
  });

  it('follows a pause made elsewhere (the tray), and shows one made before it opened', async () => {
    const fake = sample();
    fake.settings.remindersPausedUntil = new Date(2026, 0, 5, 10, 45).toISOString();
    await openReminders(fake);
    expect((await screen.findByText(/Reminders paused until/)).textContent).toBe('Reminders paused until 10:45');

    act(() => fake.emit('settingsChanged', { ...fake.settings, remindersPausedUntil: null }));
    expect(screen.queryByText(/Reminders paused until/)).toBeNull();

    act(() =>
      fake.emit('settingsChanged', {
        ...fake.settings,
        remindersPausedUntil: new Date(2026, 0, 6, 9, 30).toISOString(),
      }),
    );
    expect(screen.getByText(/Reminders paused until/).textContent).toBe('Reminders paused until tomorrow 09:30');
  });
});
