// End to end: the quick-ask view in browser mode creates a reminder offline (no key set) that then
// appears in Reminders, and a question goes to the model and streams its answer in place.
import type { Browser, Page } from 'playwright-core';
import { beforeEach, expect, it } from 'vitest';
import { saveKeyInSettings, useE2ESession } from '../support/e2e-session';
import { replies, type FakeOpenAIServer } from '../support/fake-openai-server';
import type { WebApp } from '../support/web-app';

const session = useE2ESession({ viewport: { width: 700, height: 460 }, open: false });
let page: Page;
let server: FakeOpenAIServer;
let app: WebApp;
let browser: Browser;
beforeEach(() => {
  ({ page, server, app, browser } = session);
});

const quickAskUrl = () => `${app.url}&view=quick-ask`;

it('creates a reminder offline, with no key, that then appears in Reminders', async () => {
  // The server is unreachable and no key is set: only the local parser can help.
  await server.close();
  await page.goto(quickAskUrl());
  const ask = page.getByRole('textbox', { name: 'Ask' });
  await expect.poll(() => ask.evaluate((el) => el === document.activeElement)).toBe(true);
  await ask.fill('remind me to water the plants tomorrow at 9am');
  await ask.press('Enter');
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'water the plants' }).count()).toBeGreaterThan(0);
  expect(await page.getByRole('button', { name: 'Undo' }).count()).toBe(1);
  expect(await ask.inputValue()).toBe('');
  const stored = await page.evaluate(() => performance.getEntriesByName('aide:quick-add-enter-to-stored').length);
  expect(stored).toBe(1);

  await page.goto(app.url);
  await page.getByRole('button', { name: 'Reminders', exact: true }).click();
  const item = page.getByRole('region', { name: 'Reminders' }).getByRole('listitem').filter({ hasText: 'water the plants' });
  await expect.poll(() => item.count()).toBe(1);
  expect(await item.textContent()).toMatch(/Tomorrow 09:00/);
});

it('sends a question to the model and streams the answer in place, then opens it in Aide', async () => {
  const main = await browser.newPage();
  await main.goto(app.url);
  await saveKeyInSettings(main);

  server.enqueue(replies.stream('15% of 240 is **36**.', { delayMs: 40 }));
  await page.goto(quickAskUrl());
  const ask = page.getByRole('textbox', { name: 'Ask' });
  await ask.fill("what's 15% of 240?");
  await ask.press('Enter');
  await expect.poll(() => page.locator('strong', { hasText: '36' }).count()).toBe(1);
  // The main window switches to that conversation by itself.
  await page.getByRole('button', { name: 'Open in Aide' }).click();
  const log = main.getByRole('log', { name: 'Conversation' });
  await expect.poll(() => log.getByText("what's 15% of 240?").count()).toBe(1);
  await main.close();
});
