// `Import calendar` with a file larger than one browser-mode WebSocket frame (1 MiB): it goes to
// main as a chunked upload, every event arrives once, and a second import adds nothing.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { alwaysOpen } from '../../renderer/src/connection';
import { startAide } from '../support/renderer-core';
import { renderApp } from './render-app';

afterEach(cleanup);

// 3,000 events, as a real year of a busy calendar: the Reminders view renders only the rows in
// view (it rendered all 3,000 once, which cost this test a minute and a half in happy-dom).
const EVENTS = 3_000;

/** Ten VEVENTs a day from 2030 on, each with a DESCRIPTION, so the file passes 1 MiB. */
function bigCalendar(): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Another app//EN'];
  const start = Date.UTC(2030, 0, 1, 9, 0, 0);
  const stamp = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  for (let i = 0; i < EVENTS; i += 1) {
    const at = start + Math.floor(i / 10) * 86_400_000 + (i % 10) * 3_600_000;
    lines.push(
      'BEGIN:VEVENT',
      `UID:bulk-${i}@example.com`,
      `DTSTAMP:${stamp(start)}`,
      `DTSTART:${stamp(at)}`,
      `DTEND:${stamp(at + 3_600_000)}`,
      `SUMMARY:Standup number ${i}`,
      `DESCRIPTION:${'Notes for the standup. '.repeat(16)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

it('imports a 3,000-event .ics over 1 MiB through the Reminders view, once, and lists it without rendering every row', async () => {
  const app = await startAide();
  renderApp(app.aide, alwaysOpen);
  fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
  const region = await screen.findByRole('region', { name: 'Reminders' });
  const ics = bigCalendar();
  expect(new TextEncoder().encode(ics).length).toBeGreaterThan(1024 * 1024);
  const picker = within(region).getByLabelText<HTMLInputElement>('Calendar file');
  const send = () =>
    fireEvent.change(picker, { target: { files: [new File([ics], 'standups.ics', { type: 'text/calendar' })] } });

  send();
  await waitFor(() => expect(within(region).getByRole('status').textContent).toBe('3000 items imported.'), {
    timeout: 60_000,
  });
  // The agenda shows its first rows, with their buttons, and not the other 2,900-odd.
  const agenda = within(await within(region).findByRole('region', { name: 'Agenda' }, { timeout: 20_000 }));
  await waitFor(() => expect(agenda.getByText('Standup number 0')).toBeDefined(), { timeout: 20_000 });
  expect(agenda.getByRole('button', { name: 'Delete "Standup number 1"' })).toBeDefined();
  expect(agenda.getAllByRole('listitem').length).toBeLessThan(60);
  expect(agenda.queryByText('Standup number 2999')).toBeNull();
  const titles = (await app.other.listAppointments()).map((a) => a.title);
  expect(titles).toHaveLength(EVENTS);
  expect(titles).toContain('Standup number 0');
  expect(titles).toContain('Standup number 2999');

  send();
  await waitFor(
    () => expect(within(region).getByRole('status').textContent).toBe('0 items imported, 3000 were already here.'),
    { timeout: 60_000 },
  );
  expect(await app.other.listAppointments()).toHaveLength(EVENTS);
}, 180_000);

it('refuses a calendar larger than 20 MB before sending it, and imports nothing', async () => {
  const app = await startAide();
  renderApp(app.aide, alwaysOpen);
  fireEvent.click(screen.getByRole('button', { name: 'Reminders' }));
  const region = await screen.findByRole('region', { name: 'Reminders' });
  const huge = new File([new Uint8Array(21 * 1024 * 1024)], 'everything.ics', { type: 'text/calendar' });
  fireEvent.change(within(region).getByLabelText<HTMLInputElement>('Calendar file'), { target: { files: [huge] } });
  const alert = await within(region).findByRole('alert');
  expect(alert.textContent).toMatch(/^“everything\.ics” is 21(\.0)? MB; Aide takes files up to 20(\.0)? MB\.$/);
  expect(await app.other.listAppointments()).toHaveLength(0);
});
