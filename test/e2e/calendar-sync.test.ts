// End to end in browser mode against a real Radicale: connect through Settings' `Calendar sync`,
// create a calendar (a fresh account has none), sync; the password stays out of the page, the
// data folder and the log.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useE2ESession } from '../support/e2e-session';
import { startRadicale, type RadicaleServer } from '../support/radicale';
import type { WebApp } from '../support/web-app';

const PASSWORD = 'e2e-calendar-pw-5521';
const session = useE2ESession({ viewport: { width: 1100, height: 900 } });
let page: Page;
let app: WebApp;
let radicale: RadicaleServer;

beforeEach(async () => {
  ({ page, app } = session);
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
