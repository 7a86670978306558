// End to end: a 5,000-message conversation in Chromium against browser mode opens at its newest
// message with only a window's worth of messages in the page, scrolls back to its first message,
// follows a new answer to the bottom, lets the user read back while an answer streams, and the
// first paint does not wait for the Markdown or highlighting code.
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../common/contract';
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { systemClock } from '../../main/core/ports';
import { openConfStore } from '../../main/core/storage/open-store';
import { saveKeyInSettings, useE2ESession } from '../support/e2e-session';
import { DEFAULT_ANSWER } from '../support/fake-openai-server';
import { readBackSteadily } from '../support/steady-reader';

const session = useE2ESession({ open: false });

const LONG = 5_000;

/** Writes a conversation with the real store while the app is stopped (as the benchmark does). */
async function seedConversation(dataDir: string, title: string, count: number) {
  const store = new ConversationStore(openConfStore, dataDir, systemClock);
  const { id } = await store.create(title);
  const start = Date.now() - count * 60_000;
  for (let i = 0; i < count; i++) {
    const user = i % 2 === 0;
    const message: ChatMessage = {
      id: randomUUID(),
      role: user ? 'user' : 'assistant',
      content: user ? `Question ${i}: what should I do about item ${i}?` : answerText(i),
      createdAt: new Date(start + i * 60_000).toISOString(),
      status: 'complete',
    };
    await store.append(id, message);
  }
}

function answerText(i: number): string {
  return `Answer ${i}: here is a **plan** for item ${i}.\n\n- Step one for ${i}\n- Step two\n\nThat should do it (message ${i}).`;
}

/** Stops the app, seeds its data folder, starts it again on the same data and opens the page. */
async function openWithConversation(count: number): Promise<void> {
  const { app, page } = session;
  await app.stop();
  await seedConversation(app.dataDir, 'Long chat', count);
  await app.restart();
  await page.goto(app.url);
}

// Writing 5,000 messages one append at a time takes seconds: write them once, then give each
// test's fresh app a copy of the store's files (its index and the conversation file).
let longChat: string;
beforeAll(async () => {
  longChat = await mkdtemp(join(tmpdir(), 'aide-long-chat-'));
  await seedConversation(longChat, 'Long chat', LONG);
});
afterAll(async () => {
  await rm(longChat, { recursive: true, force: true });
});

/** Opens the app on a copy of the seeded 5,000-message conversation. */
async function openLongChat(): Promise<void> {
  const { app, page } = session;
  await app.stop();
  await cp(longChat, app.dataDir, { recursive: true, force: true });
  await app.restart();
  await page.goto(app.url);
}

const conversation = (page: Page) => page.getByRole('log', { name: 'Conversation' });

/** Whether a paragraph or list item holding `text` is in the page, inside the log's visible area. */
function inView(page: Page, text: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const log = document.querySelector('[role=log]');
    if (!log) return false;
    const box = log.getBoundingClientRect();
    return [...log.querySelectorAll('p, li')].some((el) => {
      if (!el.textContent?.includes(wanted)) return false;
      const rect = el.getBoundingClientRect();
      return rect.height > 0 && rect.bottom > box.top && rect.top < box.bottom;
    });
  }, text);
}

/**
 * Where the message at the middle of the log's view is (its top, px from the log's top), or, with
 * `text`, where the message with that text is now (null when it is not in the page).
 */
function readingPlace(page: Page, text?: string): Promise<{ text: string; top: number } | null> {
  return page.evaluate((wanted) => {
    const log = document.querySelector('[role=log]')!;
    const box = log.getBoundingClientRect();
    const middle = box.top + box.height / 2;
    const rows = [...log.querySelectorAll('.message-row')];
    const row =
      wanted === undefined
        ? rows.find((r) => r.getBoundingClientRect().top <= middle && r.getBoundingClientRect().bottom > middle)
        : rows.find((r) => r.textContent === wanted);
    return row ? { text: row.textContent ?? '', top: row.getBoundingClientRect().top - box.top } : null;
  }, text);
}

/** The log's distance from its end (px): 0 when it shows the newest line. */
const fromBottom = (page: Page) =>
  page.evaluate(() => {
    const log = document.querySelector('[role=log]')!;
    return log.scrollHeight - log.scrollTop - log.clientHeight;
  });

/**
 * Opens the long chat with a key saved and asks `question`; the answer streams slowly, 1,200 short
 * paragraphs 5 ms apart (`<line> <i> of the long answer.`). Returns once its sixth line is shown.
 */
async function streamLongAnswer(line: string, question: string): Promise<void> {
  const { page, server } = session;
  await openLongChat();
  await expect.poll(() => inView(page, `That should do it (message ${LONG - 1}).`)).toBe(true);
  await saveKeyInSettings(page);
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  const chunks = Array.from({ length: 1_200 }, (_, i) => `${line} ${i} of the long answer.\n\n`);
  server.enqueue({ kind: 'stream', chunks, delayMs: 5 });
  await page.getByRole('textbox', { name: 'Message' }).fill(question);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(async () => (await conversation(page).textContent())?.includes(`${line} 5 of`)).toBe(true);
}

describe('a 5,000-message conversation', () => {
  it('opens at its newest message with a window of messages in the page, and scrolls back to the first', async () => {
    const { page } = session;
    await openLongChat();

    const last = LONG - 1;
    await expect.poll(() => inView(page, `That should do it (message ${last}).`)).toBe(true);
    await expect.poll(() => fromBottom(page)).toBeLessThanOrEqual(2);
    const inPage = await conversation(page).locator('.message').count();
    expect(inPage).toBeGreaterThan(0);
    // A window's worth (about 20 at this size), not the 5,000 (nor a whole page of 100 loaded ones).
    expect(inPage).toBeLessThan(60);

    // Scroll to the top, again and again while older messages load and are measured above, until
    // it stays there (in the page: one round trip per step would make this slow).
    const reachedTop = await page.evaluate(async () => {
      const log = document.querySelector('[role=log]')!;
      const frame = () => new Promise((done) => requestAnimationFrame(done));
      // Generous: on a loaded 2-core machine 50 pages of loading and measuring can take a while.
      const deadline = performance.now() + 50_000;
      let steps = 0;
      while (performance.now() < deadline) {
        log.scrollTop = 0;
        steps += 1;
        await frame();
        await frame();
        if (log.scrollTop === 0 && log.textContent?.includes('Question 0:')) return steps;
      }
      return -1;
    });
    expect(reachedTop).toBeGreaterThan(0);
    await expect.poll(() => inView(page, 'Question 0:')).toBe(true);
    expect(await inView(page, `That should do it (message ${last}).`)).toBe(false);
    expect(await conversation(page).locator('.message').count()).toBeLessThan(60);
  }, 70_000);

  it('a new message brings the view back to the bottom and shows the streamed answer', async () => {
    const { page } = session;
    await openLongChat();
    await expect.poll(() => inView(page, `That should do it (message ${LONG - 1}).`)).toBe(true);
    await saveKeyInSettings(page);
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await expect.poll(() => inView(page, `That should do it (message ${LONG - 1}).`)).toBe(true);

    // Read back a long way first.
    await page.evaluate(() => {
      const log = document.querySelector('[role=log]')!;
      log.scrollTop = log.scrollHeight / 2;
    });
    await expect.poll(() => fromBottom(page)).toBeGreaterThan(1_000);

    await page.getByRole('textbox', { name: 'Message' }).fill('One more question');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => inView(page, DEFAULT_ANSWER)).toBe(true);
    await expect.poll(() => inView(page, 'One more question')).toBe(true);
    await expect.poll(() => fromBottom(page)).toBeLessThanOrEqual(2);
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1);
  });

  it('keeps the newest line of a long streamed answer in view while the reader stays at the end', async () => {
    const { page } = session;
    await streamLongAnswer('Followed line', 'Tell me everything, I will watch');

    // What the reader sees: the distance to the end just after a frame is painted.
    const painted = () =>
      page.evaluate(
        () =>
          new Promise<number>((done) =>
            requestAnimationFrame(() =>
              setTimeout(() => {
                const log = document.querySelector('[role=log]')!;
                done(log.scrollHeight - log.scrollTop - log.clientHeight);
              }, 0),
            ),
          ),
      );
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(100);
      samples.push(await painted());
    }
    // Still streaming after the samples (otherwise they would prove nothing).
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(1);
    // A line or two may arrive between the paint and the look; the answer's end never runs away.
    for (const sample of samples) expect(sample).toBeLessThan(200);
    await expect.poll(() => page.getByRole('button', { name: 'Stop' }).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => inView(page, 'Followed line 1199 of the long answer.')).toBe(true);
    await expect.poll(() => fromBottom(page)).toBeLessThanOrEqual(2);
  });

  it('does not jump back to the bottom while an answer streams and the user reads back', async () => {
    const { page } = session;
    await streamLongAnswer('Streamed line', 'Tell me everything');

    // The user scrolls up with the mouse wheel, well away from the end, while the answer grows.
    const box = (await conversation(page).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -3_000);
    await expect.poll(() => fromBottom(page)).toBeGreaterThan(1_000);
    // The message the user reads (older pages may be put in front meanwhile: the scroll position
    // then changes, but what is on screen must not move).
    await page.waitForTimeout(300);
    const reading = (await readingPlace(page))!;
    expect(reading).not.toBeNull();

    // While more text arrives, the view stays where the user is reading: never back at the end.
    const samples: { fromBottom: number; top: number | null }[] = [];
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(100);
      samples.push({ fromBottom: await fromBottom(page), top: (await readingPlace(page, reading.text))?.top ?? null });
    }
    // Still streaming after the samples (otherwise they would prove nothing).
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(1);
    for (const sample of samples) {
      expect(sample.fromBottom).toBeGreaterThan(1_000);
      expect(sample.top).not.toBeNull();
      expect(Math.abs(sample.top! - reading.top)).toBeLessThan(200);
    }

    // Nor when the answer is done.
    await expect.poll(() => page.getByRole('button', { name: 'Stop' }).count(), { timeout: 20_000 }).toBe(0);
    expect(await fromBottom(page)).toBeGreaterThan(1_000);
    const after = await readingPlace(page, reading.text);
    expect(after).not.toBeNull();
    expect(Math.abs(after!.top - reading.top)).toBeLessThan(200);
    // The whole answer is there when the user goes back down.
    await page.mouse.wheel(0, 100_000);
    await expect.poll(() => inView(page, 'Streamed line 1199 of the long answer.')).toBe(true);
  });
});

describe('reading back through a 5,000-message conversation', () => {
  it('has the older page there before a steady reader gets to the top, and nothing on screen moves when it arrives', async () => {
    const { page } = session;
    await openLongChat();
    await expect.poll(() => inView(page, `That should do it (message ${LONG - 1}).`)).toBe(true);

    // A steady reader (40 px a frame, 2,400 px a second) upwards over three older pages.
    const arrivals = await readBackSteadily(page, 3);
    expect(arrivals).toHaveLength(3);
    for (const { leftAbove, moved, screen } of arrivals) {
      // The older messages came while more than a screen of loaded ones was still above the view.
      expect(leftAbove).toBeGreaterThan(screen);
      // Before, the view went to the newest line (thousands of px); and a row measured above the
      // view while the reader's step was not yet seen undid that step (40 px).
      expect(Math.abs(moved)).toBeLessThanOrEqual(1);
    }
  });
});

describe('first paint', () => {
  it('paints the chat before loading the Markdown code, and never loads the highlighter without code', async () => {
    const { page } = session;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    // Before any of the page's own scripts: note when the chat's textbox first is in the page.
    await page.addInitScript(() => {
      const w = window as unknown as { __textboxAt?: number };
      new MutationObserver((_, observer) => {
        if (document.getElementById('composer-message')) {
          w.__textboxAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await openWithConversation(40);

    await expect.poll(() => page.getByRole('textbox', { name: 'Message' }).count()).toBe(1);
    // The answers show as Markdown: the Markdown code did come.
    await expect.poll(() => conversation(page).locator('strong', { hasText: 'plan' }).count()).toBeGreaterThan(0);
    expect(await inView(page, 'That should do it (message 39).')).toBe(true);
    // Give an eager highlighter load the chance to show itself.
    await page.waitForTimeout(1_000);

    const { textboxAt, loads } = await page.evaluate(() => ({
      textboxAt: (window as unknown as { __textboxAt?: number }).__textboxAt ?? null,
      loads: performance
        .getEntriesByType('resource')
        .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime }))
        .filter((e) => /\/assets\/(markdown|code-highlighter)-[\w-]+\.js$/.test(e.path)),
    }));
    expect(textboxAt).not.toBeNull();
    const markdown = loads.filter((l) => l.path.includes('/markdown-'));
    expect(markdown.length).toBeGreaterThan(0);
    expect(requested.some((path) => /\/assets\/markdown-[\w-]+\.js$/.test(path))).toBe(true);
    // Requested only once the chat's textbox was in the page.
    for (const load of markdown) expect(load.start).toBeGreaterThan(textboxAt!);
    // No code in the conversation: the highlighter is never fetched.
    expect(loads.filter((l) => l.path.includes('/code-highlighter-'))).toEqual([]);
    expect(requested.filter((path) => path.includes('code-highlighter'))).toEqual([]);
  });
});
