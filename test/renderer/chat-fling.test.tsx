// Flinging back through a conversation: answers that only pass by are drawn as plain text (no
// Markdown parsed in every frame of the fling), and as Markdown once the reader stops.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { startAide } from '../support/renderer-core';
import { log } from './chat-screen';
import { layOutMessageLog } from './log-layout';
import { renderApp } from './render-app';

afterEach(cleanup);

const frame = () => new Promise((resolve) => setTimeout(resolve, 16));

it('draws answers flung past as plain text, and as Markdown once the reader stops', async () => {
  // Thirty questions and answers in the conversation's file, as a long chat leaves it (no model needed).
  const app = await startAide();
  const { id } = await app.other.createConversation();
  const lines = Array.from({ length: 60 }, (_, i) => {
    const n = Math.floor(i / 2);
    const [role, content] = i % 2 ? ['assistant', `answer ${n} has a **plan ${n}**`] : ['user', `question ${n}`];
    const createdAt = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    return JSON.stringify({ type: 'message', message: { id: `m${i}`, role, content, createdAt, status: 'complete' } });
  });
  await writeFile(join(app.harness.dataDir, 'conversations', `${id}.jsonl`), `${lines.join('\n')}\n`);
  await app.harness.restart();
  layOutMessageLog();
  renderApp(app.aide);
  // Opened at its newest answers, drawn as Markdown.
  expect((await within(log()).findByText('plan 29')).tagName).toBe('STRONG');
  const view = log();

  // A fling to the top: two screens and more a frame, far faster than anyone reads.
  const passed = new Set<string>();
  while (view.scrollTop > 0) {
    view.scrollTop -= 1_500;
    fireEvent.scroll(view);
    await frame();
    for (const answer of view.querySelectorAll('.message.assistant')) passed.add(answer.textContent ?? '');
  }
  // Answers that came into view mid-fling showed their text as it is stored, Markdown unparsed.
  expect([...passed].filter((text) => text.includes('**plan'))).not.toEqual([]);

  // The reader stopped at the top: the first answer is Markdown now, and none is left plain.
  await waitFor(() => expect(within(view).getByText('plan 0').tagName).toBe('STRONG'));
  expect(within(view).queryByText(/\*\*plan/)).toBeNull();
  expect(within(view).getByText('question 0')).toBeTruthy();
});
