// End to end in browser mode against a real Radicale: connect through Settings' `Calendar sync`,
// create a calendar, sync; a reminder set by a chat tool call reaches the server as a VTODO with an
// alarm; an event another client PUT shows in Reminders after `Sync now`, with its calendar; the
// password stays out of the page, the data folder and the log.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { saveKeyInSettings, useE2ESession } from '../support/e2e-session';
import { replies, type FakeOpenAIServer } from '../support/fake-openai-server';
import { getIcsRaw, mkCalendarRaw, putIcsRaw, startRadicale, type RadicaleServer } from '../support/radicale';
import type { WebApp } from '../support/web-app';

const PASSWORD = 'e2e-calendar-pw-5521';
const session = useE2ESession({ viewport: { width: 1100, height: 900 } });
let page: Page;
let app: WebApp;
let server: FakeOpenAIServer;
let radicale: RadicaleServer;

beforeEach(async () => {
  ({ page, app, server } = session);
  radicale = await startRadicale({ user: 'alice', password: PASSWORD });
});
afterEach(async () => {
  await radicale.dispose();
});

async function dataFolderText(dataDir: string): Promise<string> {
  const texts: string[] = [];
  for (const entry of await readdir(dataDir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) texts.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
  }
  return texts.join('\n');
}

/** The hrefs a collection lists, itself included, as absolute URLs. */
async function hrefsIn(url: string): Promise<string[]> {
  const body = await authorizedPropfind(url);
  return [...body.matchAll(/<(?:\w+:)?href>([^<]+)<\//g)].map((m) => new URL(m[1]!, url).href);
}

/** The VCALENDAR texts of every object in the account's calendars. */
async function objectsOnServer(): Promise<string[]> {
  const texts: string[] = [];
  for (const calendar of await hrefsIn(radicale.homeUrl)) {
    if (calendar === radicale.homeUrl) continue;
    for (const href of await hrefsIn(calendar)) {
      if (href.endsWith('.ics')) texts.push((await getIcsRaw(radicale, href)).body);
    }
  }
  return texts;
}

async function authorizedPropfind(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'PROPFIND',
    headers: { authorization: `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`, depth: '1' },
  });
  return response.text();
}

it('connects through Settings, creates a calendar and syncs', async () => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Calendar sync' }) });
  await section.getByLabel('CalDAV server URL').fill(radicale.url);
  await section.getByLabel('User name').fill('alice');
  await section.getByLabel('Password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Connect' }).click();

  await expect.poll(() => section.getByRole('button', { name: 'Create calendar' }).count()).toBe(1);
  await section.getByLabel('Calendar name').fill('Aide');
  await section.getByRole('button', { name: 'Create calendar' }).click();
  const reminders = section.getByRole('combobox', { name: 'Reminders calendar' });
  await expect.poll(() => reminders.locator('option:checked').textContent()).toBe('Aide');
  expect(await authorizedPropfind(radicale.homeUrl)).toContain('Aide');

  await section.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => section.getByRole('status').textContent()).toMatch(/^Synced Today \d\d:\d\d\./);

  expect(await page.content()).not.toContain(PASSWORD);
  expect(await dataFolderText(app.dataDir)).not.toContain(PASSWORD);
  expect(app.output()).not.toContain(PASSWORD);
});

const utc = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

it('a reminder from the chat reaches the server, and an event from another client shows in Reminders', async () => {
  const family = `${radicale.homeUrl}family/`;
  await mkCalendarRaw(radicale, family, { displayName: 'Family', components: ['VEVENT'], color: '#3366ff' });
  await saveKeyInSettings(page);
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Calendar sync' }) });
  await section.getByLabel('CalDAV server URL').fill(radicale.url);
  await section.getByLabel('User name').fill('alice');
  await section.getByLabel('Password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Connect' }).click();
  // Family takes events only: a calendar for reminders is offered.
  await section.getByRole('button', { name: 'Create calendar' }).click();
  await expect
    .poll(() => section.getByRole('combobox', { name: 'Reminders calendar' }).locator('option:checked').textContent())
    .toBe('Aide');
  await section.getByRole('combobox', { name: 'Appointments calendar' }).selectOption({ label: 'Family' });
  await expect
    .poll(() =>
      section.getByRole('combobox', { name: 'Appointments calendar' }).locator('option:checked').textContent(),
    )
    .toBe('Family');

  const due = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  server.enqueue(
    {
      kind: 'toolCalls',
      calls: [
        {
          name: 'create_reminder',
          arguments: JSON.stringify({ title: 'Renew passport', due, rrule: null, notes: null }),
        },
      ],
    },
    replies.stream('Done: I will remind you.'),
  );
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('remind me to renew my passport tomorrow');
  await page.getByRole('button', { name: 'Send' }).click();
  // Shortly after the local change, without Sync now.
  await expect
    .poll(async () => (await objectsOnServer()).find((ics) => ics.includes('SUMMARY:Renew passport')) ?? '', {
      timeout: 15_000,
    })
    .toMatch(/BEGIN:VTODO[\s\S]*BEGIN:VALARM/);

  const start = new Date(Date.now() + 2 * 86_400_000);
  start.setUTCHours(9, 0, 0, 0);
  const end = new Date(start.getTime() + 3_600_000);
  const event = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Another client//EN',
    'BEGIN:VEVENT',
    'UID:dentist-e2e@example.com',
    `DTSTAMP:${utc(new Date())}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    'SUMMARY:Dentist',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  expect((await putIcsRaw(radicale, `${family}dentist.ics`, event)).status).toBe(201);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await section.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => section.getByRole('status').textContent()).toMatch(/^Synced/);
  await page.getByRole('button', { name: 'Reminders', exact: true }).click();
  const dentist = page.getByRole('region', { name: 'Reminders' }).getByRole('listitem').filter({ hasText: 'Dentist' });
  await expect.poll(() => dentist.count()).toBe(1);
  expect(await dentist.textContent()).toContain('Family');
  expect(await page.content()).not.toContain(PASSWORD);
});
