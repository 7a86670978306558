// End to end: in Chromium against browser mode, the Search conversations box finds a message 3,000
// messages back in a long conversation (the index built in the background on first start), opens
// the conversation there with the message highlighted, and pages both ways from it.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { systemClock } from '../../main/core/ports';
import { openConfStore } from '../../main/core/storage/open-store';
import { useE2ESession } from '../support/e2e-session';
import { writeSearchCorpus } from '../support/search-corpus';

const session = useE2ESession({ open: false });

const LONG = 3_500;
const TARGET = LONG - 1 - 3_000;
const PHRASE = 'The aurora borealis was brightest over Tromsø';

/** A long conversation written straight to its file (3,500 appends one by one would take seconds). */
async function seedLongChat(dataDir: string): Promise<void> {
  const store = new ConversationStore(openConfStore, dataDir, systemClock);
  const { id } = await store.create('Northern trip');
  const start = Date.parse('2025-01-01T00:00:00Z');
  const lines = Array.from({ length: LONG }, (_, i) =>
    JSON.stringify({
      type: 'message',
      message: {
        id: `long-${i}`,
        role: i % 2 ? 'assistant' : 'user',
        content: i === TARGET ? `${PHRASE} on the third night.` : `Message ${i} about the trip plans.`,
        createdAt: new Date(start + i * 60_000).toISOString(),
        status: 'complete',
        ...(i % 2 === 1 && { model: 'gpt-4o' }),
      },
    }),
  );
  await writeFile(join(dataDir, 'conversations', `${id}.jsonl`), `${lines.join('\n')}\n`);
}

/** The found message's row: highlighted, and inside the log's visible area. */
function highlightedInView(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const log = document.querySelector('[role=log]')!;
    const row = log.querySelector('[aria-current="true"]');
    if (!row) return null;
    const box = log.getBoundingClientRect();
    const rect = row.getBoundingClientRect();
    return rect.bottom > box.top && rect.top < box.bottom ? row.textContent : null;
  });
}

/** The count in a "Show older/newer messages (N)" button; 0 once it is gone (all loaded). */
const count = async (page: Page, name: RegExp) => {
  // One read that does not wait: the button may go between two reads once the last page is in.
  const [label = ''] = await page.getByRole('button', { name }).allTextContents();
  return Number(/\((\d+)\)/.exec(label)?.[1] ?? 0);
};

describe('searching conversations', () => {
  it('finds a message 3,000 back and opens the conversation there, highlighted, paging both ways', async () => {
    const { app, page } = session;
    await app.stop();
    await writeSearchCorpus(app.dataDir, 20, 50);
    await seedLongChat(app.dataDir);
    await app.restart();
    await page.goto(app.url);
    const box = page.getByRole('searchbox', { name: 'Search conversations' });
    await page.getByRole('button', { name: 'Northern trip', exact: true }).waitFor();

    await page.keyboard.press('Control+k');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('aurora tromso');
    const option = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    await expect.poll(() => option.count()).toBe(1);
    expect(await option.textContent()).toContain('Northern trip');
    expect(await option.locator('mark').allTextContents()).toEqual(['aurora', 'Tromsø']);

    await box.press('Enter');
    await expect.poll(() => highlightedInView(page)).toContain(PHRASE);
    const older = await count(page, /^Show older messages/);
    const newer = await count(page, /^Show newer messages/);
    // Only pages around the message are loaded: most of the 3,500 are still on either side.
    expect(older).toBeGreaterThan(0);
    expect(older).toBeLessThan(TARGET);
    expect(newer).toBeGreaterThan(2_800);

    // Older pages load above it on their own meanwhile: the found message stays in view.
    await page.waitForTimeout(1_500);
    expect(await highlightedInView(page)).toContain(PHRASE);

    // Scrolling down loads newer pages; the found message stays where it was meanwhile.
    const log = page.getByRole('log', { name: 'Conversation' });
    const box2 = (await log.boundingBox())!;
    await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
    for (let i = 0; i < 30 && (await count(page, /^Show newer messages/)) === newer; i++)
      await page.mouse.wheel(0, 600);
    expect(await count(page, /^Show newer messages/)).toBeLessThan(newer);
    // And up: older pages load above, keeping the view anchored (no jump to the top).
    for (let i = 0; i < 60 && (await count(page, /^Show older messages/)) === older; i++)
      await page.mouse.wheel(0, -600);
    expect(await count(page, /^Show older messages/)).toBeLessThan(older);
    const top = await page.evaluate(() => document.querySelector('[role=log]')!.scrollTop);
    expect(top).toBeGreaterThan(500);
  });
});
