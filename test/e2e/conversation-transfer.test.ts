// End to end in browser mode: a ChatGPT export imported through `Import conversations` (the file
// chooser, the upload, the summary), the conversation opened; then `Export all` and `Export
// conversation` downloaded, and the exported zip imported again adding nothing.
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { useE2ESession } from '../support/e2e-session';
import { asZip, chatGptConversations } from '../support/export-fixtures';

const session = useE2ESession();

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import conversations' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/zip', buffer });
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

const statusText = (page: Page) => page.getByRole('status').allTextContents();

it('imports a ChatGPT export through the UI, then exports it and imports the export again', async () => {
  const { page } = session;
  await page.getByRole('button', { name: 'Chat', exact: true }).click();

  await chooseFile(page, 'chatgpt-export.zip', asZip(chatGptConversations()));
  const summary = '2 imported, 2 skipped: its message tree is broken (1), not a conversation (1).';
  await expect.poll(() => statusText(page), { timeout: 20_000 }).toContain(summary);
  await page.getByRole('button', { name: 'Reversing a list 🐍', exact: true }).click();
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect.poll(() => log.getByText('A red square — Ünïcödé ✓').count()).toBe(1);
  expect(await log.getByText('An answer that was regenerated.').count()).toBe(0);

  const all = await download(page, () => page.getByRole('button', { name: 'Export all' }).click());
  expect(all.name).toMatch(/^aide-conversations-\d{4}-\d{2}-\d{2}\.zip$/);
  const exported = JSON.parse(strFromU8(unzipSync(all.bytes)['conversations.json']!)) as { title: string }[];
  expect(exported.map((c) => c.title).sort()).toEqual(['Reversing a list 🐍', 'Second chat']);

  await page.getByRole('button', { name: 'Export conversation' }).click();
  const markdown = await download(page, () => page.getByRole('menuitem', { name: 'Markdown' }).click());
  expect(markdown.name).toBe('Reversing a list.md');
  expect(markdown.bytes.toString('utf8')).toContain('# Reversing a list 🐍\n');
  expect(markdown.bytes.toString('utf8')).toContain('A red square — Ünïcödé ✓');

  await chooseFile(page, all.name, all.bytes);
  await expect.poll(() => statusText(page), { timeout: 20_000 }).toContain('0 imported. 2 were already here.');
  expect(await page.getByRole('navigation', { name: 'Conversations' }).getByRole('listitem').count()).toBe(2);
});
