// Streamed text reaches the screen at most once per animation frame (renderer/src/chat/frame-batcher.ts),
// any other event first lets the text before it through, and finished messages are not rendered
// again while another answer streams.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FrameBatcher, type Delta } from '../../renderer/src/chat/frame-batcher';
import { replies } from '../support/fake-openai-server';
import { converse } from '../support/model-turns';
import { startAide } from '../support/renderer-core';
import { log, send } from './chat-screen';
import { renderApp } from './render-app';

// Every ReactMarkdown render is one Markdown parse: counting its calls counts parses.
const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('react-markdown', async (importOriginal) => {
  const original = await importOriginal<typeof import('react-markdown')>();
  return {
    ...original,
    default: function countedMarkdown(props: Parameters<typeof original.default>[0]) {
      parses.count += 1;
      return original.default(props);
    },
  };
});

// And every render of an answer's Markdown, by its text: a finished answer must not be drawn again.
const drawn = vi.hoisted(() => new Map<string, number>());
vi.mock('../../renderer/src/chat/markdown', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/src/chat/markdown')>();
  const { Markdown } = original;
  return {
    ...original,
    Markdown: function CountedMarkdown(props: Parameters<typeof Markdown>[0]) {
      drawn.set(props.text, (drawn.get(props.text) ?? 0) + 1);
      return <Markdown {...props} />;
    },
  };
});

// The app imports the Markdown code lazily, twice at about the same time (preload and first use):
// resolve the mocked module once up front so both get it, not the original still loading.
beforeAll(async () => {
  await import('../../renderer/src/chat/markdown');
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Resolves after the next animation frame (happy-dom runs frames as soon as the loop is free). */
const nextFrame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
/** Long enough for a frame and the batcher's 100 ms fallback timer. */
const settle = () => new Promise<void>((done) => setTimeout(done, 150));

const delta = (messageId: string, text: string, conversationId = 'c1'): Delta => ({ conversationId, messageId, text });

/** A batcher on a clock the test moves by hand, recording what it sends. */
function batcherWithClock() {
  const clock = { ms: 1_000 };
  const sent: Delta[] = [];
  const batcher = new FrameBatcher(
    (d) => sent.push({ ...d }),
    () => clock.ms,
  );
  return { clock, sent, batcher };
}

describe('FrameBatcher', () => {
  it('sends the first text after a quiet spell at once, and the rest of the frame as one merged delta', async () => {
    const { sent, batcher } = batcherWithClock();
    const words = Array.from({ length: 100 }, (_, i) => `w${i} `);
    for (const word of words) batcher.push(delta('m1', word));
    // The answer's first token is drawn at once; the 99 after it wait for the frame.
    expect(sent).toEqual([delta('m1', 'w0 ')]);

    await nextFrame();
    expect(sent).toEqual([delta('m1', 'w0 '), delta('m1', words.slice(1).join(''))]);
    await settle();
    expect(sent).toHaveLength(2);
  });

  it('batches text that keeps coming, one update per frame, and goes direct again after a quiet spell', async () => {
    const { clock, sent, batcher } = batcherWithClock();
    batcher.push(delta('m1', 'a'));
    clock.ms += 5;
    batcher.push(delta('m1', 'b'));
    batcher.push(delta('m1', 'c'));
    await nextFrame();
    clock.ms += 10;
    batcher.push(delta('m1', 'd'));
    batcher.push(delta('m1', 'e'));
    expect(sent.map((d) => d.text)).toEqual(['a', 'bc']);
    await nextFrame();
    expect(sent.map((d) => d.text)).toEqual(['a', 'bc', 'de']);

    // Nothing for a while: the next text is drawn at once.
    clock.ms += 100;
    batcher.push(delta('m1', 'f'));
    expect(sent.map((d) => d.text)).toEqual(['a', 'bc', 'de', 'f']);
  });

  it('never merges deltas of different messages or conversations, and keeps their order', async () => {
    const { sent, batcher } = batcherWithClock();
    batcher.push(delta('m1', 'a0'));
    batcher.push(delta('m1', 'a1'));
    batcher.push(delta('m1', 'a2'));
    batcher.push(delta('m2', 'b1'));
    batcher.push(delta('m2', 'b2'));
    batcher.push(delta('m1', 'a3'));
    batcher.push(delta('m1', 'x', 'c2'));
    batcher.push(delta('m1', 'a4'));
    await nextFrame();
    expect(sent).toEqual([
      delta('m1', 'a0'),
      delta('m1', 'a1a2'),
      delta('m2', 'b1b2'),
      delta('m1', 'a3'),
      delta('m1', 'x', 'c2'),
      delta('m1', 'a4'),
    ]);
  });

  it('flush() sends what is pending at once and cancels the pending frame', async () => {
    const requested: number[] = [];
    const request = window.requestAnimationFrame.bind(window);
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((run) => {
      const id = request(run);
      requested.push(id);
      return id;
    });
    const cancel = vi.spyOn(window, 'cancelAnimationFrame');
    const { sent, batcher } = batcherWithClock();

    batcher.push(delta('m1', 'Hi. '));
    batcher.push(delta('m1', 'Hello'));
    batcher.push(delta('m1', ', world'));
    expect(sent).toEqual([delta('m1', 'Hi. ')]);
    batcher.flush();
    expect(sent).toEqual([delta('m1', 'Hi. '), delta('m1', 'Hello, world')]);
    expect(requested).toHaveLength(1);
    expect(cancel).toHaveBeenCalledWith(requested[0]);

    // Nothing is sent twice, and text right after a flush waits for its own frame again.
    await settle();
    expect(sent).toHaveLength(2);
    batcher.push(delta('m1', '!'));
    expect(sent).toHaveLength(2);
    expect(requested).toHaveLength(2);
    await nextFrame();
    expect(sent).toEqual([delta('m1', 'Hi. '), delta('m1', 'Hello, world'), delta('m1', '!')]);
  });

  it('flush() with nothing pending sends nothing', () => {
    const { sent, batcher } = batcherWithClock();
    batcher.flush();
    expect(sent).toEqual([]);
  });

  it('sends the text after 100 ms when no frame comes (a hidden window paints none)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 1);
    vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => undefined);
    const { sent, batcher } = batcherWithClock();
    batcher.push(delta('m1', 'First, '));
    batcher.push(delta('m1', 'still '));
    batcher.push(delta('m1', 'coming'));
    vi.advanceTimersByTime(99);
    expect(sent).toEqual([delta('m1', 'First, ')]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([delta('m1', 'First, '), delta('m1', 'still coming')]);
  });
});

/** Sends `text` and waits for the answer's placeholder. */
async function ask(text: string) {
  await send(text);
  await within(log()).findByText('Thinking…');
}

/** How often `needle` occurs in `text`. */
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/** An SSE event of a streamed chat completion, as the API writes it. */
const sse = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`;

describe('streamed answers in the chat', () => {
  it('a burst of 100 deltas then done shows the whole text once, in order, and nothing is lost', async () => {
    const app = await startAide();
    await converse(app, [['earlier question', 'earlier answer']]);
    renderApp(app.aide);
    await within(log()).findByText('earlier question');
    const words = Array.from({ length: 100 }, (_, i) => `n${i}`);
    app.server.enqueue({ kind: 'stream', chunks: words.map((word) => `${word} `) });

    await ask('Count to a hundred');

    await waitFor(() => expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy());
    expect(log().textContent).toContain(words.join(' '));
    // No delta arrives after done (it would append the text a second time).
    await act(settle);
    expect(occurrences(log().textContent!, 'n0 n1 n2')).toBe(1);
    expect(occurrences(log().textContent!, 'n99')).toBe(1);
    const answer = [...log().querySelectorAll('.message.assistant')].at(-1)!;
    expect(answer.textContent).toContain(words.join(' '));
    expect(within(log()).queryByText('Thinking…')).toBeNull();
  });

  it('a status after streamed text shows the text before it at once', async () => {
    const app = await startAide();
    renderApp(app.aide);
    await screen.findByText('No conversations yet.');
    // The model writes a few words and calls a tool; its next round is rate-limited for a second.
    const call = { title: 'Stretch', due: new Date(Date.now() + 3_600_000).toISOString(), rrule: null, notes: null };
    app.server.enqueue(
      {
        kind: 'rawStream',
        parts: [
          sse({ role: 'assistant', content: 'Part one, ' }),
          sse({ content: 'part two.' }),
          sse({
            tool_calls: [
              {
                index: 0,
                id: 'call_1',
                type: 'function',
                function: { name: 'create_reminder', arguments: JSON.stringify(call) },
              },
            ],
          }),
          sse({}, 'tool_calls'),
          'data: [DONE]\n\n',
        ],
      },
      replies.rateLimited(1),
      replies.stream(' Set.'),
    );

    await ask('Hello');

    const status = await screen.findByRole('status');
    expect(status.textContent).toBe('Rate limited — retrying in 1 s');
    expect(log().textContent).toContain('Part one, part two.');
  });

  it('draws a burst of deltas within one frame as one update', async () => {
    const app = await startAide();
    renderApp(app.aide);
    await screen.findByText('No conversations yet.');
    const pieces = Array.from({ length: 12 }, (_, i) => `t${i} `);
    // Far enough apart that the core sends each piece as its own event.
    app.server.enqueue({ kind: 'stream', chunks: ['Start. ', ...pieces], delayMs: 50, hangAfter: 13 });
    await ask('Go');
    await waitFor(() => expect(log().querySelector('.markdown')?.textContent).toBe('Start.'));

    // The window is busy meanwhile: the pieces wait in its queue and arrive back to back.
    const release = app.holdEvents();
    await app.harness.waitFor('chatDelta', (delta) => delta.text.includes('t11'));
    expect(app.harness.events.filter((e) => e.name === 'chatDelta').length).toBeGreaterThanOrEqual(12);
    const before = parses.count;
    act(release);
    await waitFor(() => expect(log().textContent).toContain('t11'));
    // At most two updates (the first token at once after a quiet spell, the rest in the frame):
    // the answer's Markdown parsed once or twice, not once per delta.
    expect(parses.count - before).toBeGreaterThanOrEqual(1);
    expect(parses.count - before).toBeLessThanOrEqual(3);
  });

  it('does not render finished messages again while a new answer streams', async () => {
    const app = await startAide();
    await converse(
      app,
      Array.from({ length: 20 }, (_, i): [string, string] => [
        `Question ${i}`,
        `Answer ${i} with **bold** text.\n\n- one\n- two`,
      ]),
    );
    renderApp(app.aide);
    // The finished answers are rendered as Markdown (the lazily loaded code is in).
    await waitFor(() => expect(log().querySelectorAll('.message.assistant strong').length).toBeGreaterThan(0));
    const finishedShown = log().querySelectorAll('.message.assistant .markdown').length;
    expect(finishedShown).toBeGreaterThan(1);
    const pieces = Array.from({ length: 10 }, (_, i) => `piece${i} `);
    app.server.enqueue({ kind: 'stream', chunks: pieces, delayMs: 80, hangAfter: 10 });

    const before = parses.count;
    drawn.clear();
    await ask('One more');
    for (const piece of pieces) await waitFor(() => expect(log().textContent).toContain(piece.trim()));

    const parsed = parses.count - before;
    // About one parse per delta (the growing answer); re-rendering the finished answers would be
    // at least `finishedShown` per delta.
    expect(parsed).toBeGreaterThanOrEqual(10);
    expect(parsed).toBeLessThanOrEqual(15);
    expect(parsed).toBeLessThan(10 * finishedShown);
    expect(log().querySelectorAll('.message.assistant .markdown').length).toBeGreaterThanOrEqual(finishedShown);
    // Only the growing answer was drawn: once per delta, each time with its text so far.
    expect([...drawn.keys()].filter((text) => text.startsWith('Answer'))).toEqual([]);
    expect(drawn.get(pieces.join(''))).toBe(1);
  });
});
