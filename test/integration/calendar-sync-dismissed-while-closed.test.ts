// An alarm missed while Aide was closed, then dismissed on another device (a phone writes RFC 9074's
// ACKNOWLEDGED), must not ring when Aide starts again: the start check waits for the first calendar
// sync, which brings the dismissal. The whole core against a real Radicale, with real timers.
import { expect, it } from 'vitest';
import type { FiredItem } from '../../common/contract';
import { startHarness } from '../support/core-harness';
import { showOnlyCalendar } from '../support/calendar-choice';
import { vcalendar, utcStamp as stamp } from '../support/ical-text';
import { caldavEnv, getIcsRaw, mkCalendarRaw, putIcsRaw, radicaleForFile } from '../support/radicale';

const PASSWORD = 'dismissed-while-closed-pw-3';
const server = radicaleForFile({ user: 'gina', password: PASSWORD });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A task as a phone's client writes it: due time, and an alarm at that time. */
function task(uid: string, summary: string, due: number): string {
  return vcalendar(
    'BEGIN:VTODO',
    `UID:${uid}`,
    `DTSTAMP:${stamp(Date.now())}`,
    `DUE:${stamp(due)}`,
    `SUMMARY:${summary}`,
    'BEGIN:VALARM',
    `UID:${uid}-alarm`,
    'ACTION:DISPLAY',
    `DESCRIPTION:${summary}`,
    `TRIGGER;VALUE=DATE-TIME:${stamp(due)}`,
    'END:VALARM',
    'END:VTODO',
  );
}

it('does not ring at start what another device dismissed while Aide was closed, and rings the rest as missed', async () => {
  const homeUrl = await mkCalendarRaw(server, `${server.homeUrl}home/`, { displayName: 'Home', components: ['VTODO'] });
  // Whole seconds, a few away: the first sync ends before they are due.
  const due = Math.ceil((Date.now() + 5_000) / 1000) * 1000;
  const plantsHref = `${homeUrl}plants.ics`;
  expect((await putIcsRaw(server, plantsHref, task('plants@phone', 'Water the plants', due))).status).toBeLessThan(300);
  expect(
    (await putIcsRaw(server, `${homeUrl}oven.ics`, task('oven@phone', 'Check the oven', due))).status,
  ).toBeLessThan(300);

  // The system notifications, which also show what the start check rings before anyone listens.
  const shown: FiredItem[] = [];
  const h = await startHarness({
    notifier: { show: (items) => shown.push(...items) },
    env: caldavEnv(server),
  });
  try {
    await showOnlyCalendar(h.core.handlers, homeUrl);
    expect((await h.core.handlers.listReminders()).map((r) => r.title).sort()).toEqual([
      'Check the oven',
      'Water the plants',
    ]);

    // Aide is closed while both come due; the phone rings them and its owner dismisses one.
    await h.core.dispose();
    await sleep(due - Date.now() + 1_000);
    const plants = (await getIcsRaw(server, plantsHref)).body;
    const dismissed = plants.replace('END:VALARM', `ACKNOWLEDGED:${stamp(Date.now())}\r\nEND:VALARM`);
    expect(dismissed).not.toBe(plants);
    expect((await putIcsRaw(server, plantsHref, dismissed)).status).toBeLessThan(300);

    expect(shown).toEqual([]);
    await h.restart();
    await expect.poll(() => shown.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await sleep(1_500);
    expect(shown.map((i) => [i.title, i.missed])).toEqual([['Check the oven', true]]);
  } finally {
    await h.close();
  }
}, 40_000);
