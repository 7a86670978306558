// A fling back through a long conversation asks for what it will reach in one read, not in one
// small page after another: each page arriving is a render (and a frame or two lost on a busy
// machine) in the middle of the fling.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { AideApi } from '../../common/contract';
import { startAide } from '../support/renderer-core';
import { log } from './chat-screen';
import { layOutMessageLog } from './log-layout';
import { renderApp } from './render-app';

afterEach(cleanup);

const frame = () => new Promise((resolve) => setTimeout(resolve, 16));

it('asks for the whole way ahead of a fling in few reads, and reaches the first message', async () => {
  const app = await startAide();
  const { id } = await app.other.createConversation();
  const lines = Array.from({ length: 3_000 }, (_, i) => {
    const [role, content] = i % 2 ? ['assistant', `answer ${i}`] : ['user', `question ${i}`];
    const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    return JSON.stringify({ type: 'message', message: { id: `m${i}`, role, content, createdAt, status: 'complete' } });
  });
  await writeFile(join(app.harness.dataDir, 'conversations', `${id}.jsonl`), `${lines.join('\n')}\n`);
  await app.harness.restart();
  const limits: number[] = [];
  const aide: AideApi = {
    ...app.aide,
    getOlderMessages: (request) => {
      limits.push(request.limit);
      return app.aide.getOlderMessages(request);
    },
  };
  layOutMessageLog();
  renderApp(aide);
  await within(log()).findByText('answer 2999');
  const view = log();

  // Flung to the top, three screens a frame (80 px rows: ~30 messages a frame), as far as it goes.
  for (let step = 0; step < 2_000 && within(view).queryByText('question 0') === null; step++) {
    view.scrollTop -= 3 * view.clientHeight;
    fireEvent.scroll(view);
    await frame();
  }
  await waitFor(() => expect(within(view).getByText('question 0')).toBeTruthy());

  // 2,900 older messages: in pages of 100 or 200 that was 15 reads or more.
  expect(limits.length).toBeLessThanOrEqual(8);
  expect(Math.max(...limits)).toBeGreaterThan(200);
});
