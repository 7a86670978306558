// End to end: the built renderer in Debian's Chromium, talking over WebSocket to browser mode
// (a real child process with its own data folder and real keychain), which talks to a real
// local OpenAI-compatible server.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveKeyInSettings, useE2ESession } from '../support/e2e-session';
import { DEFAULT_API_KEY, replies, type FakeOpenAIServer } from '../support/fake-openai-server';
import type { WebApp } from '../support/web-app';

const session = useE2ESession();
let page: Page;
let server: FakeOpenAIServer;
let app: WebApp;
beforeEach(() => {
  ({ page, server, app } = session);
});

const saveKey = (key: string) => saveKeyInSettings(page, key);

async function sendMessage(text: string) {
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

const conversation = () => page.getByRole('log', { name: 'Conversation' });

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('chat in browser mode', () => {
  it('saves a key, streams an answer and finds the conversation again after a reload and a restart', async () => {
    await saveKey(DEFAULT_API_KEY);
    await expect.poll(() => page.getByText('sk-…0001').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByLabel('OpenAI API key').inputValue()).toBe('');

    const answer = 'Here is a **plan** for your day:\n\n1. Write the report\n2. Call mom\n\n```js\nconsole.log("done");\n```\n';
    server.enqueue(replies.stream(answer, { delayMs: 60 }));
    await sendMessage('Plan my day');
    await expect.poll(() => conversation().getByText('Plan my day').count()).toBe(1);
    // Watch it stream: the first words are on screen while the Stop button is still there.
    await expect.poll(() => conversation().getByText('Here is a').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Stop' }).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => conversation().locator('strong', { hasText: 'plan' }).count()).toBe(1);
    expect(await conversation().getByRole('button', { name: 'Copy code' }).count()).toBe(1);

    // The README's picture; refreshed only when asked, so a test run leaves the work tree clean.
    const shot = await page.screenshot();
    expect(shot.length).toBeGreaterThan(10_000);
    if (process.env.AIDE_UPDATE_SCREENSHOT) await writeFile(resolve(__dirname, '../../docs/screenshot.png'), shot);

    await page.reload();
    await expect.poll(() => conversation().getByText('Call mom').count()).toBe(1);
    await app.restart();
    await page.goto(app.url);
    await expect.poll(() => conversation().getByText('Plan my day').count()).toBe(1);
    await expect.poll(() => conversation().getByText('Call mom').count()).toBe(1);

    // The key is nowhere the renderer, the disk or the logs can show.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect.poll(() => page.getByText('sk-…0001').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain(DEFAULT_API_KEY);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(storage).not.toContain(DEFAULT_API_KEY);
    for (const file of await filesUnder(app.dataDir)) {
      expect(await readFile(file, 'utf8'), file).not.toContain(DEFAULT_API_KEY);
    }
    expect(app.output()).not.toContain(DEFAULT_API_KEY);
  });

  it('a wrong key is refused with the 401 message and not stored', async () => {
    await saveKey('sk-this-key-is-wrong-0000');
    const alert = page.getByRole('alert').filter({ hasText: 'rejected' });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toMatch(/key was rejected/);
    await page.reload();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Save key' }).count()).toBe(1);
    expect(await page.getByText('sk-…0000').count()).toBe(0);
  });

  it('a key revoked later shows the 401 message in the chat and keeps the message', async () => {
    await saveKey(DEFAULT_API_KEY);
    await expect.poll(() => page.getByText('sk-…0001').count()).toBeGreaterThan(0);
    server.validKeys.clear();
    await sendMessage('Are you still there?');
    const alert = page.getByRole('alert').filter({ hasText: 'key was rejected' });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.getByRole('button', { name: 'Replace key' }).count()).toBe(1);
    expect(await conversation().getByText('Are you still there?').count()).toBe(1);
  });

  it('stopping mid-stream keeps the partial answer, also after a reload', async () => {
    await saveKey(DEFAULT_API_KEY);
    await expect.poll(() => page.getByText('sk-…0001').count()).toBeGreaterThan(0);
    server.enqueue(replies.stream('First part of a long answer that never ends', { hangAfter: 4 }));
    await sendMessage('Tell me a long story');
    await expect.poll(() => conversation().getByText('First part of a').count()).toBe(1);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
    expect(await conversation().getByText('First part of a').count()).toBe(1);
    await page.reload();
    await expect.poll(() => conversation().getByText('First part of a').count()).toBe(1);
  });
});
