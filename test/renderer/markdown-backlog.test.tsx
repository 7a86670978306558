// A backlog of Markdown (a fast server, a cached answer): blocks that are final when they reach
// the screen are rendered together, in far fewer parses than blocks, and every paragraph still
// ends on screen once, in order; a block already on screen is never parsed again.
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { Markdown } from '../../renderer/src/chat/markdown';

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

afterEach(cleanup);

const paragraphs = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `Paragraph ${from + i} says **something** short.`);
const order = (container: HTMLElement) =>
  [...container.querySelectorAll('.markdown p')].map((p) => Number(/^Paragraph (\d+)/.exec(p.textContent ?? '')?.[1]));

it('renders 600 paragraphs that arrive at once in a few batches, all of them in order', async () => {
  const before = parses.count;
  const { container } = render(<Markdown text={paragraphs(0, 600).join('\n\n')} />);
  await waitFor(() => expect(order(container)).toHaveLength(600), { timeout: 20_000, interval: 50 });
  expect(order(container)).toEqual(Array.from({ length: 600 }, (_, i) => i));
  // One parse per frame's batch, not one per paragraph (600). How many batches depends on how
  // fast this machine's jsdom renders within the frame budget: 55–64 on session 12's VM, which
  // failed the old bound of 60 once in three runs; a parse per paragraph would be ten times that.
  expect(parses.count - before).toBeLessThan(150);
}, 30_000);

it('streams a burst after text already on screen: shown paragraphs are not parsed again', async () => {
  let text = paragraphs(0, 3).join('\n\n');
  const { container, rerender } = render(<Markdown text={text} streaming />);
  expect(order(container)).toEqual([0, 1, 2]);
  const before = parses.count;
  text += '\n\n' + paragraphs(3, 400).join('\n\n');
  rerender(<Markdown text={text} streaming />);
  await waitFor(() => expect(order(container)).toHaveLength(400), { timeout: 20_000, interval: 50 });
  rerender(<Markdown text={text} />);
  expect(order(container)).toEqual(Array.from({ length: 400 }, (_, i) => i));
  expect(parses.count - before).toBeLessThan(50);
}, 30_000);
