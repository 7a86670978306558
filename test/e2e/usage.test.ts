// End to end: the Usage view shows the tokens of a conversation just held; afterwards no key and
// no Authorization header is anywhere in the data folder, the logs or what the server printed.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { saveKeyInSettings, useE2ESession } from '../support/e2e-session';
import { DEFAULT_API_KEY, replies } from '../support/fake-openai-server';

const session = useE2ESession();

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

it('shows the tokens of the conversation just held, and leaves no key or Authorization header behind', async () => {
  const { page, server, app } = session;
  await saveKeyInSettings(page);
  server.enqueue(replies.stream('Tea is a drink.', { usage: { prompt_tokens: 1234, completion_tokens: 56 } }));
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Tell me about tea');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => page.getByRole('log', { name: 'Conversation' }).getByText('Tea is a drink.').count()).toBe(1);

  await page.getByRole('button', { name: 'Usage', exact: true }).click();
  const usage = page.getByRole('region', { name: 'Usage' });
  const row = usage.getByRole('row').filter({ hasText: 'Tell me about tea' });
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.textContent()).toMatch(/1,?290/);
  expect(await usage.textContent()).toMatch(/gpt-4o-mini/);
  if (process.env.AIDE_UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/usage.png' });

  const sent = server.requests.filter((r) => r.path === '/v1/chat/completions');
  expect(sent[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_API_KEY}`);
  for (const file of await filesUnder(app.dataDir)) {
    const text = await readFile(file, 'utf8');
    expect(text, file).not.toContain(DEFAULT_API_KEY);
    expect(text, file).not.toMatch(/authorization/i);
  }
  expect(app.output()).not.toContain(DEFAULT_API_KEY);
  expect(app.output()).not.toMatch(/authorization/i);
});
