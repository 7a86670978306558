// The set-up every end-to-end file shares: one Chromium per file and, per test, a fresh fake
// OpenAI server, a fresh browser-mode app (own data folder and keychain service) and a page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { launchBrowser } from './browser';
import { DEFAULT_API_KEY, startFakeOpenAIServer, type FakeOpenAIServer } from './fake-openai-server';
import { startWebApp, type WebApp } from './web-app';

export interface E2ESession {
  browser: Browser;
  server: FakeOpenAIServer;
  app: WebApp;
  page: Page;
}

/** Registers the hooks; the returned object's fields are filled in before each test. */
export function useE2ESession(options: { viewport?: { width: number; height: number }; open?: boolean } = {}): E2ESession {
  const session = {} as E2ESession;
  beforeAll(async () => {
    session.browser = await launchBrowser();
  });
  afterAll(async () => {
    await session.browser.close();
  });
  beforeEach(async () => {
    session.server = await startFakeOpenAIServer();
    session.app = await startWebApp({ OPENAI_BASE_URL: session.server.url });
    session.page = await session.browser.newPage({ viewport: options.viewport ?? { width: 1100, height: 720 } });
    if (options.open !== false) await session.page.goto(session.app.url);
  });
  afterEach(async () => {
    await session.page.close();
    await session.app.stop();
    await session.server.close();
  });
  return session;
}

/** Saves a key through Settings and waits until its masked form shows. */
export async function saveKeyInSettings(page: Page, key: string = DEFAULT_API_KEY): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('OpenAI API key').fill(key);
  await page.getByRole('button', { name: 'Save key' }).click();
  if (key === DEFAULT_API_KEY) await expect.poll(() => page.getByText(`sk-…${key.slice(-4)}`).count()).toBeGreaterThan(0);
}
