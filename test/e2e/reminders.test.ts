// End to end: a chat message becomes a tool call, the reminder shows in the Reminders region,
// fires on time as a toast with Snooze and Done, and everything survives a restart — including a
// reminder that came due while Aide was stopped, which shows as missed when it starts again.
import type { Page } from 'playwright-core';
import { beforeEach, expect, it } from 'vitest';
import { saveKeyInSettings, useE2ESession } from '../support/e2e-session';
import { replies, type FakeOpenAIServer } from '../support/fake-openai-server';
import type { WebApp } from '../support/web-app';

const session = useE2ESession({ viewport: { width: 1100, height: 760 } });
let page: Page;
let server: FakeOpenAIServer;
let app: WebApp;
beforeEach(() => {
  ({ page, server, app } = session);
});

const inSeconds = (seconds: number) => new Date(Math.ceil(Date.now() / 1000 + seconds) * 1000).toISOString().replace('.000', '');
const toasts = () => page.locator('.toast[role="alert"]');
const region = () => page.getByRole('region', { name: 'Reminders' });

it('a chat message sets reminders that fire as toasts, and they survive a restart', async () => {
  await saveKeyInSettings(page);

  const soon = inSeconds(4);
  const later = inSeconds(14);
  server.enqueue(
    {
      kind: 'toolCalls',
      calls: [
        { name: 'create_reminder', arguments: JSON.stringify({ title: 'Stretch', due: soon, rrule: null, notes: null }) },
        { name: 'create_reminder', arguments: JSON.stringify({ title: 'Water plants', due: later, rrule: null, notes: null }) },
      ],
    },
    replies.stream('I set both reminders.'),
  );
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('remind me to stretch in a moment and to water the plants after');
  await page.getByRole('button', { name: 'Send' }).click();
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect.poll(() => log.getByText('I set both reminders.').count()).toBe(1);
  expect(await log.getByRole('button', { name: 'Undo' }).count()).toBe(2);
  expect(await log.getByText('Water plants').count()).toBe(1);
  if (process.env.AIDE_UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/chat-reminders.png' });

  await page.getByRole('button', { name: 'Reminders', exact: true }).click();
  await expect.poll(() => region().getByRole('listitem').filter({ hasText: 'Stretch' }).count()).toBe(1);
  expect(await region().getByRole('listitem').filter({ hasText: 'Water plants' }).count()).toBe(1);

  // It fires on time, as a toast with Snooze and Done.
  await expect.poll(() => toasts().filter({ hasText: 'Stretch' }).count(), { timeout: 15_000 }).toBe(1);
  expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(soon));
  const toast = toasts().filter({ hasText: 'Stretch' });
  expect(await toast.getByRole('button', { name: 'Snooze' }).count()).toBe(1);
  await toast.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => toasts().count()).toBe(0);

  // Stopped before "Water plants" is due; it comes due while Aide is not running.
  await app.stop();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(later) - Date.now() + 1500)));
  await app.restart();
  await page.goto(app.url);
  const missed = toasts().filter({ hasText: 'Water plants' });
  await expect.poll(() => missed.count(), { timeout: 15_000 }).toBe(1);
  expect(await missed.textContent()).toMatch(/Missed/);

  await page.getByRole('button', { name: 'Reminders', exact: true }).click();
  await expect.poll(() => region().getByRole('listitem').filter({ hasText: 'Water plants' }).count()).toBe(1);
  if (process.env.AIDE_UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/reminders.png' });
  await missed.getByRole('button', { name: 'Snooze' }).click();
  await expect.poll(() => toasts().count()).toBe(0);
  await expect.poll(() => region().getByText(/snoozed until/i).count()).toBe(1);
});
