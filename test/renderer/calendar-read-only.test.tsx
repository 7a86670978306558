// An item from a calendar the server lets Aide only read, on the real core against a real
// Radicale: Delete and Edit in the Reminders view are refused with a sentence naming the calendar,
// and the item stays, here and on the server.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { alwaysOpen } from '../../renderer/src/connection';
import { showOnlyCalendar } from '../support/calendar-choice';
import { vcalendar, utcStamp as stamp } from '../support/ical-text';
import { caldavEnv, getIcsRaw, mkCalendarRaw, putIcsRaw, radicaleForFile, readOnlyRights } from '../support/radicale';
import { startAide } from '../support/renderer-core';
import { renderApp } from './render-app';

const PASSWORD = 'renderer-read-only-pw-58';
const server = radicaleForFile({ user: 'erin', password: PASSWORD });

afterEach(cleanup);

function schoolPlay(): string {
  const start = Date.now() + 2 * 86_400_000;
  return vcalendar(
    'BEGIN:VEVENT',
    'UID:school-play@example.com',
    `DTSTAMP:${stamp(Date.now())}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(start + 3_600_000)}`,
    'SUMMARY:School play',
    'END:VEVENT',
  );
}

it('refuses Delete on an item of a read-only shown calendar, saying why, and keeps it', async () => {
  const familyUrl = await mkCalendarRaw(server, `${server.homeUrl}family/`, {
    displayName: 'Family',
    components: ['VEVENT'],
  });
  const href = `${familyUrl}school-play.ics`;
  expect((await putIcsRaw(server, href, schoolPlay())).status).toBeLessThan(300);
  server.setRights(readOnlyRights('erin', 'erin/family'));

  const app = await startAide({
    env: caldavEnv(server),
  });
  await showOnlyCalendar(app.other, familyUrl);

  renderApp(app.aide, alwaysOpen);
  fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
  const region = await screen.findByRole('region', { name: 'Reminders' });
  const item = () =>
    within(region)
      .getAllByRole('listitem')
      .find((li) => li.querySelector('.item-title')?.textContent === 'School play');
  await waitFor(() => expect(item()).toBeDefined());

  fireEvent.click(within(item()!).getByRole('button', { name: 'Delete "School play"' }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Confirm' }));
  const alert = await within(item()!).findByRole('alert');
  expect(alert.textContent).toContain(
    '“Family” is read-only on the calendar server, so this appointment cannot be changed in Aide.',
  );
  expect((await app.other.listAppointments()).map((a) => a.title)).toContain('School play');
  await app.other.syncCalendarNow();
  expect((await getIcsRaw(server, href)).body).toContain('SUMMARY:School play');
  expect((await app.other.listAppointments()).map((a) => a.title)).toContain('School play');
});
