// A true 412 conflict on a synced reminder, on the real core against a real Radicale: the Reminders
// view shows the engine's sentence under "Changes from other devices" in the item's details.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { alwaysOpen } from '../../renderer/src/connection';
import { vcalendar, utcStamp as stamp } from '../support/ical-text';
import { caldavEnv, editIcsRaw, putIcsRaw, radicaleForFile } from '../support/radicale';
import { startAide } from '../support/renderer-core';
import { renderApp } from './render-app';

const PASSWORD = 'renderer-conflict-pw-77';
const server = radicaleForFile({ user: 'carol', password: PASSWORD });

afterEach(cleanup);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A VTODO as a phone would write it, due in an hour. */
function todo(uid: string, title: string): string {
  return vcalendar(
    'BEGIN:VTODO',
    `UID:${uid}`,
    `DTSTAMP:${stamp(Date.now())}`,
    `LAST-MODIFIED:${stamp(Date.now() - 60_000)}`,
    `DUE:${stamp(Date.now() + 3_600_000)}`,
    `SUMMARY:${title}`,
    'END:VTODO',
  );
}

const itemTitled = (region: HTMLElement, title: string) =>
  waitFor(() => {
    const found = within(region)
      .getAllByRole('listitem')
      .find((li) => li.querySelector('.item-title')?.textContent === title);
    if (!found) throw new Error(`“${title}” not shown yet`);
    return found;
  });

it('shows what the other device had set under "Changes from other devices", only where both changed', async () => {
  const app = await startAide({
    env: caldavEnv(server),
  });
  expect((await app.other.createCalendar({ name: 'Errands', components: ['VTODO', 'VEVENT'] })).ok).toBe(true);
  const calendarUrl = (await app.other.getCalendarSync()).remindersCalendar!;
  const rent = `${calendarUrl}rent-from-phone.ics`;
  expect((await putIcsRaw(server, rent, todo('rent-from-phone', 'Pay rent'))).status).toBeLessThan(300);
  const plants = `${calendarUrl}plants-from-phone.ics`;
  expect((await putIcsRaw(server, plants, todo('plants-from-phone', 'Water plants'))).status).toBeLessThan(300);
  await app.other.syncCalendarNow();
  const local = (await app.other.listReminders()).find((r) => r.title === 'Pay rent');
  expect(local).toBeDefined();

  await editIcsRaw(server, rent, { title: 'Pay the rent' });
  await sleep(1_100);
  await app.other.updateReminder({ id: local!.id, title: 'Pay rent today' });
  await app.other.syncCalendarNow();

  renderApp(app.aide, alwaysOpen);
  fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
  const region = await screen.findByRole('region', { name: 'Reminders' });
  const item = await itemTitled(region, 'Pay rent today');
  fireEvent.click(within(item).getByText('Changes from other devices'));
  expect(within(item).getByText(/the title was changed both in Aide and on the calendar server/).textContent).toMatch(
    /Kept "Pay rent today" \(the newer change, made in Aide\); the title set on the calendar server was "Pay the rent"\.$/,
  );
  const untouched = await itemTitled(region, 'Water plants');
  expect(within(untouched).queryByText('Changes from other devices')).toBeNull();
});
