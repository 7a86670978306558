// Settings' `Calendar sync` section on the real core against a real Radicale: a refused login says
// why, a good one lists the calendars, `Create calendar` makes one and chooses it, `Sync now`
// reports `Synced`, `Disconnect` brings the form back; the password never stays in the page.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { alwaysOpen } from '../../renderer/src/connection';
import { caldavEnv, radicaleForFile } from '../support/radicale';
import { startAide, type AideOptions, type RealAide } from '../support/renderer-core';
import { renderApp } from './render-app';

const PASSWORD = 'renderer-calendar-pw-31';
const server = radicaleForFile({ user: 'alice', password: PASSWORD });

afterEach(cleanup);

async function openCalendarSync(options: AideOptions = {}): Promise<{ app: RealAide; section: HTMLElement }> {
  const app = await startAide(options);
  renderApp(app.aide, alwaysOpen);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  const heading = await screen.findByRole('heading', { name: 'Calendar sync' });
  return { app, section: heading.closest('section')! };
}

async function fillLogin(section: HTMLElement, password: string) {
  const scope = within(section);
  fireEvent.change(await scope.findByLabelText('CalDAV server URL'), { target: { value: server.url } });
  fireEvent.change(scope.getByLabelText('User name'), { target: { value: 'alice' } });
  fireEvent.change(scope.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(scope.getByRole('button', { name: 'Connect' }));
}

it('says why a login was refused and keeps nothing', async () => {
  const { app, section } = await openCalendarSync();
  expect((await within(section).findByLabelText<HTMLInputElement>('Password')).type).toBe('password');
  await fillLogin(section, 'wrong-password-123');
  const alert = await within(section).findByRole('alert');
  expect(alert.textContent).toMatch(/refused the user name or password/);
  expect(within(section).getByRole('button', { name: 'Connect' })).toBeTruthy();
  expect(document.body.innerHTML).not.toContain('wrong-password-123');
  expect((await app.other.getCalendarSync()).connected).toBe(false);
});

it('connects, creates a calendar, chooses it, syncs and disconnects', async () => {
  const { app, section } = await openCalendarSync();
  const scope = within(section);
  await fillLogin(section, PASSWORD);

  // A fresh account has no calendar for reminders: only "Keep on this computer", and the offer.
  const reminders = await scope.findByRole('combobox', { name: 'Reminders calendar' });
  expect(
    within(reminders)
      .getAllByRole('option')
      .map((o) => o.textContent),
  ).toEqual(['Keep on this computer']);
  expect(document.body.innerHTML).not.toContain(PASSWORD);
  fireEvent.change(scope.getByLabelText('Calendar name'), { target: { value: 'Errands and meetings' } });
  fireEvent.click(scope.getByRole('button', { name: 'Create calendar' }));

  await waitFor(() =>
    expect(
      scope.getByRole<HTMLSelectElement>('combobox', { name: 'Reminders calendar' }).selectedOptions[0]?.textContent,
    ).toBe('Errands and meetings'),
  );
  const appointments = scope.getByRole<HTMLSelectElement>('combobox', { name: 'Appointments calendar' });
  expect(appointments.selectedOptions[0]?.textContent).toBe('Errands and meetings');
  expect(scope.queryByRole('button', { name: 'Create calendar' })).toBeNull();

  fireEvent.change(appointments, { target: { value: '' } });
  await waitFor(async () => expect((await app.other.getCalendarSync()).appointmentsCalendar).toBeNull());

  fireEvent.click(scope.getByRole('button', { name: 'Sync now' }));
  await waitFor(() => expect(scope.getByRole('status').textContent).toMatch(/^Synced Today \d\d:\d\d\./));

  fireEvent.click(scope.getByRole('button', { name: 'Disconnect' }));
  await scope.findByRole('button', { name: 'Connect' });
  expect(scope.queryByRole('combobox', { name: 'Reminders calendar' })).toBeNull();
  expect(document.body.innerHTML).not.toContain(PASSWORD);
});

it('shows an account from the environment read-only, without its password', async () => {
  const { section } = await openCalendarSync({
    env: caldavEnv(server),
  });
  const scope = within(section);
  const url = await scope.findByLabelText<HTMLInputElement>('CalDAV server URL');
  expect(url.readOnly).toBe(true);
  expect(url.value).toBe(server.url);
  expect(scope.getByLabelText<HTMLInputElement>('Password').placeholder).toBe('from environment');
  expect(section.textContent).toContain('comes from the environment');
  expect(scope.queryByRole('button', { name: 'Connect' })).toBeNull();
  expect(scope.queryByRole('button', { name: 'Disconnect' })).toBeNull();
  await waitFor(() => expect(scope.getByRole('status').textContent).toMatch(/^Synced/));
  expect(document.body.innerHTML).not.toContain(PASSWORD);
});

it('Import calendar refuses a file that is not iCalendar, saying so', async () => {
  const app = await startAide();
  renderApp(app.aide, alwaysOpen);
  fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
  const region = await screen.findByRole('region', { name: 'Reminders' });
  expect(within(region).getByRole('button', { name: 'Import calendar' })).toBeTruthy();
  const picker = within(region).getByLabelText<HTMLInputElement>('Calendar file');
  fireEvent.change(picker, { target: { files: [new File(['just some notes'], 'notes.txt', { type: 'text/plain' })] } });
  const alert = await within(region).findByRole('alert');
  expect(alert.textContent).toBe('“notes.txt” is not an iCalendar (.ics) file. Nothing was imported.');
});

it('Import calendar reads an .ics file into Reminders once, and says so', async () => {
  const app = await startAide();
  renderApp(app.aide, alwaysOpen);
  fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
  const region = await screen.findByRole('region', { name: 'Reminders' });
  const due = new Date(Date.now() + 86_400_000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Another app//EN',
    'BEGIN:VTODO',
    'UID:passport-import@example.com',
    `DTSTAMP:${due}`,
    `DUE:${due}`,
    'SUMMARY:Renew passport',
    'END:VTODO',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const picker = within(region).getByLabelText<HTMLInputElement>('Calendar file');
  const send = () =>
    fireEvent.change(picker, { target: { files: [new File([ics], 'tasks.ics', { type: 'text/calendar' })] } });

  send();
  await waitFor(() => expect(within(region).getByRole('status').textContent).toBe('1 item imported.'));
  await waitFor(() =>
    expect(
      within(region)
        .getAllByRole('listitem')
        .some((li) => li.textContent?.includes('Renew passport')),
    ).toBe(true),
  );

  send();
  await waitFor(() =>
    expect(within(region).getByRole('status').textContent).toBe('0 items imported, 1 was already here.'),
  );
  expect((await app.other.listReminders()).filter((r) => r.title === 'Renew passport')).toHaveLength(1);
});
