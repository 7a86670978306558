// End to end in browser mode against a real Radicale, both ways: the person acts in the Reminders
// view, "another device" acts with raw CalDAV requests; an event's alarm from the server fires as a
// toast, edits, deletions, a server stopped mid-session and a conflict all end with the same set of
// items in the view and on the server.
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useE2ESession } from '../support/e2e-session';
import { deleteRaw, getIcsRaw, putIcsRaw, startRadicale, type RadicaleServer } from '../support/radicale';
import { unfolded, vcalendar } from '../support/ical-text';

const PASSWORD = 'e2e-two-way-pw-7730';
const session = useE2ESession({ viewport: { width: 1100, height: 900 } });
let page: Page;
let radicale: RadicaleServer;

beforeEach(async () => {
  ({ page } = session);
  radicale = await startRadicale({ user: 'alice', password: PASSWORD });
});
afterEach(async () => {
  await radicale.dispose();
});

const utc = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const tomorrow = () => new Date(Date.now() + 86_400_000);
const section = () => page.locator('section', { has: page.getByRole('heading', { name: 'Calendar sync' }) });
const region = () => page.getByRole('region', { name: 'Reminders' });
const item = (title: string) => region().getByRole('listitem').filter({ hasText: title });

/** Connects through Settings and lets Aide create the calendar "Aide"; returns its URL. */
async function connect(): Promise<string> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await section().getByLabel('CalDAV server URL').fill(radicale.url);
  await section().getByLabel('User name').fill('alice');
  await section().getByLabel('Password').fill(PASSWORD);
  await section().getByRole('button', { name: 'Connect' }).click();
  await section().getByRole('button', { name: 'Create calendar' }).click();
  await expect
    .poll(() => section().getByRole('combobox', { name: 'Reminders calendar' }).locator('option:checked').textContent())
    .toBe('Aide');
  const calendars = (await hrefsIn(radicale.homeUrl)).filter(
    (href) => href.startsWith(radicale.homeUrl) && href !== radicale.homeUrl,
  );
  expect(calendars).toHaveLength(1);
  return calendars[0]!;
}

async function syncNow(): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await section().getByRole('button', { name: 'Sync now' }).click();
}

async function showReminders(): Promise<void> {
  await page.getByRole('button', { name: 'Reminders', exact: true }).click();
}

/** The hrefs a collection lists, itself included, as absolute URLs. */
async function hrefsIn(url: string): Promise<string[]> {
  const response = await fetch(url, {
    method: 'PROPFIND',
    headers: { authorization: `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`, depth: '1' },
  });
  const body = await response.text();
  return [...body.matchAll(/<(?:\w+:)?href>([^<]+)<\//g)].map((m) => new URL(m[1]!, url).href);
}

/** The unfolded content lines of every object in `calendar`. */
async function objectsIn(calendar: string): Promise<string[][]> {
  const objects: string[][] = [];
  for (const href of await hrefsIn(calendar)) {
    if (href.endsWith('.ics')) objects.push(unfolded((await getIcsRaw(radicale, href)).body));
  }
  return objects;
}

const summary = (lines: string[]) => lines.find((line) => line.startsWith('SUMMARY:'))?.slice('SUMMARY:'.length);
const sorted = (titles: Array<string | null | undefined>) => titles.map(String).sort();

async function serverTitles(calendar: string): Promise<string[]> {
  return sorted((await objectsIn(calendar)).map(summary));
}

async function viewTitles(): Promise<string[]> {
  return sorted(await region().locator('.item-title').allTextContents());
}

/** Ends a scenario: the view and the server hold exactly `titles`. */
async function expectBothSides(calendar: string, titles: string[]): Promise<void> {
  await showReminders();
  await expect.poll(viewTitles, { timeout: 15_000 }).toEqual(sorted(titles));
  await expect.poll(() => serverTitles(calendar), { timeout: 15_000 }).toEqual(sorted(titles));
}

function task(uid: string, title: string): string {
  const due = tomorrow();
  due.setUTCHours(17, 0, 0, 0);
  return vcalendar(
    'BEGIN:VTODO',
    `UID:${uid}`,
    `DTSTAMP:${utc(new Date())}`,
    `DUE:${utc(due)}`,
    `SUMMARY:${title}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${title}`,
    `TRIGGER;VALUE=DATE-TIME:${utc(due)}`,
    'END:VALARM',
    'END:VTODO',
  );
}

/** Two tasks written by another device, pulled by `Sync now`; returns their URLs. */
async function seedTwoTasks(calendar: string): Promise<{ milk: string; taxes: string }> {
  const milk = `${calendar}milk.ics`;
  const taxes = `${calendar}taxes.ics`;
  expect((await putIcsRaw(radicale, milk, task('milk-e2e@example.com', 'Buy milk'))).status).toBe(201);
  expect((await putIcsRaw(radicale, taxes, task('taxes-e2e@example.com', 'File taxes'))).status).toBe(201);
  await syncNow();
  await expectBothSides(calendar, ['Buy milk', 'File taxes']);
  return { milk, taxes };
}

/** Another device changes the SUMMARY of the object at `url`, with If-Match on its current ETag. */
async function renameOnServer(url: string, title: string): Promise<void> {
  const current = await getIcsRaw(radicale, url);
  expect(current.etag).not.toBeNull();
  const ics = current.body
    .replace(/\r\n[ \t]/g, '')
    .replace(/^SUMMARY:.*$/m, `SUMMARY:${title}`)
    .replace(/^LAST-MODIFIED:.*$/gm, `LAST-MODIFIED:${utc(new Date())}`);
  const put = await putIcsRaw(radicale, url, ics, { 'if-match': current.etag! });
  // Radicale answers 201 to a replacing PUT as well; the new ETag tells it was stored.
  expect([201, 204]).toContain(put.status);
  expect(put.etag).not.toBe(current.etag);
}

async function renameInView(from: string, to: string): Promise<void> {
  await showReminders();
  await item(from).getByRole('button', { name: `Edit "${from}"` }).click();
  const form = page.getByRole('form', { name: `Edit "${from}"` });
  await form.getByLabel('Title').fill(to);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => item(to).count()).toBe(1);
}

it('an event from another device shows after Sync now and its alarm fires as a toast', async () => {
  const calendar = await connect();
  // The alarm rings a minute before the start: 15 s from now.
  const alarmAt = Math.ceil(Date.now() / 1000 + 15) * 1000;
  const start = new Date(alarmAt + 60_000);
  const event = vcalendar(
    'BEGIN:VEVENT',
    'UID:standup-e2e@example.com',
    `DTSTAMP:${utc(new Date())}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(new Date(start.getTime() + 900_000))}`,
    'SUMMARY:Team standup',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'DESCRIPTION:Team standup',
    'TRIGGER:-PT1M',
    'END:VALARM',
    'END:VEVENT',
  );
  expect((await putIcsRaw(radicale, `${calendar}standup.ics`, event)).status).toBe(201);
  await syncNow();
  await expectBothSides(calendar, ['Team standup']);

  const toast = page.getByRole('alert').filter({ hasText: 'Team standup' });
  await expect.poll(() => toast.count(), { timeout: 25_000 }).toBe(1);
  expect(Date.now()).toBeGreaterThanOrEqual(alarmAt - 1_000);
});

it('an edit on each side reaches the other', async () => {
  const calendar = await connect();
  const { milk, taxes } = await seedTwoTasks(calendar);

  await renameInView('Buy milk', 'Buy oat milk');
  await expect.poll(async () => summary(unfolded((await getIcsRaw(radicale, milk)).body)), { timeout: 15_000 }).toBe(
    'Buy oat milk',
  );

  await renameOnServer(taxes, 'File taxes by Friday');
  await syncNow();
  await expectBothSides(calendar, ['Buy oat milk', 'File taxes by Friday']);
  // Nothing doubled: still the two objects first written.
  expect(sorted(await hrefsIn(calendar)).filter((href) => href.endsWith('.ics'))).toEqual(sorted([milk, taxes]));
});

it('a deletion on each side reaches the other', async () => {
  const calendar = await connect();
  const { milk, taxes } = await seedTwoTasks(calendar);

  await showReminders();
  await item('Buy milk').getByRole('button', { name: 'Delete "Buy milk"' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect.poll(async () => (await getIcsRaw(radicale, milk)).status, { timeout: 15_000 }).toBe(404);

  expect((await deleteRaw(radicale, taxes)).status).toBe(200);
  await syncNow();
  await expectBothSides(calendar, []);
});

it('a change made while the server is down waits, then is sent once after it is back', async () => {
  const calendar = await connect();
  const { milk, taxes } = await seedTwoTasks(calendar);

  await radicale.stop();
  await showReminders();
  await item('Buy milk').getByRole('button', { name: 'Done "Buy milk"' }).click();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect
    .poll(() => section().getByRole('status').textContent(), { timeout: 15_000 })
    .toMatch(/could not reach the calendar server 127\.0\.0\.1.* 1 change waits to be sent\.$/);

  await radicale.restart();
  await section().getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => section().getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^Synced [^.]*\.$/);
  expect(unfolded((await getIcsRaw(radicale, milk)).body)).toContain('STATUS:COMPLETED');
  await showReminders();
  await region().getByRole('button', { name: 'Show completed' }).click();
  const done = region().getByRole('region', { name: 'Done' });
  expect(await done.getByRole('listitem').filter({ hasText: 'Buy milk' }).count()).toBe(1);
  await expectBothSides(calendar, ['Buy milk', 'File taxes']);
  expect(sorted(await hrefsIn(calendar)).filter((href) => href.endsWith('.ics'))).toEqual(sorted([milk, taxes]));
});

it('the same reminder changed on both sides before a sync ends the same on both, keeping the other value', async () => {
  const calendar = await connect();
  const { milk } = await seedTwoTasks(calendar);

  await renameOnServer(milk, 'Buy goat milk');
  // The sync the rename sets off pushes first, with the ETag Aide last saw: the server answers 412
  // and Aide merges its copy. The later change, made in Aide, wins; the server's title is kept in the item's history.
  await renameInView('Buy milk', 'Buy oat milk');
  await syncNow();
  await expectBothSides(calendar, ['Buy oat milk', 'File taxes']);
  const history = item('Buy oat milk').locator('details', { hasText: 'Changes from other devices' });
  await expect.poll(() => history.count()).toBe(1);
  expect(await history.textContent()).toContain('Buy goat milk');
});
