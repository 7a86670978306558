// Block-wise Markdown (renderer/src/chat/markdown.tsx): the same page as one whole render, only
// the growing last block parsed again while an answer streams, its code highlighted only once it
// is finished, and a huge answer shown completely, a frame's budget at a time.
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

afterEach(() => {
  cleanup();
  vi.doUnmock('../../renderer/src/chat/render-mode');
});

/** The same Markdown component with `?render=baseline`: the whole text as one ReactMarkdown render. */
async function wholeTextMarkdown(): Promise<typeof Markdown> {
  vi.resetModules();
  vi.doMock('../../renderer/src/chat/render-mode', () => ({ baselineRender: true }));
  return (await import('../../renderer/src/chat/markdown')).Markdown;
}

// Typical answers for which splitting at "blank line + unindented line" cannot change the HTML:
// headings, paragraphs, tight lists (no blank line between items), code fences with blank lines
// inside, tables, quotes. Loose lists ("- a\n\n- b") are left out on purpose: block-wise they
// become one list per item, while a single render makes one list with <p> in each item.
const samples: Record<string, string> = {
  'headings and paragraphs':
    '# Your week\n\nHere is a **plan** with _emphasis_ and `code`.\nSecond line of the same paragraph.\n\n## Monday\n\nCall the bank. See [the docs](https://example.com/docs).\n\n### Tuesday\nWrite the report.',
  'tight lists':
    'Steps:\n\n- Buy milk\n- Call mom\n  - nested item\n- Pay rent\n\n1. First\n2. Second\n3. Third\n\nDone.',
  'code fences with blank lines inside':
    'Try this:\n\n```\nfirst line\n\n\nafter two blank lines\n```\n\nOr with tildes:\n\n~~~\na\n\nb\n~~~\n\nThat is all.',
  'a code fence with a language': 'Run:\n\n```js\nconst answer = 42;\n\nconsole.log(answer);\n```\n\nIt prints 42.',
  tables:
    '| Day | Task | Time |\n|---|:---:|---:|\n| Mon | Write | 9:00 |\n| Tue | Call | 10:00 |\n\nAnd a second one:\n\n| a | b |\n|---|---|\n| 1 | 2 |',
  'a list item with an indented second paragraph':
    '- First point\n\n  More about the first point.\n\nAfter the list.\n\n> A quote\n> on two lines\n\n---\n\nEnd.',
};

/**
 * The answer as the page lays it out: the boxes that group a long answer's blocks (they have no
 * padding or border, so they change nothing on screen) replaced by what they hold.
 */
function unwrapped(container: HTMLElement): HTMLElement {
  const root = container.querySelector('.markdown')!.cloneNode(true) as HTMLElement;
  for (const group of [...root.querySelectorAll(':scope > .markdown-group')]) group.replaceWith(...group.childNodes);
  return root;
}

/**
 * The answer's HTML without the newlines a whole render puts between its top-level elements
 * (whitespace between blocks, which the page does not show); everything inside them is kept.
 */
function topLevelHtml(container: HTMLElement): string {
  const root = unwrapped(container);
  for (const node of [...root.childNodes])
    if (node.nodeType === node.TEXT_NODE && node.textContent!.trim() === '') node.remove();
  return root.outerHTML;
}

describe('block-wise Markdown', () => {
  it.each(Object.entries(samples))('renders %s exactly like one whole render', async (_name, text) => {
    const blockwise = render(<Markdown text={text} />).container;
    // The samples have several blocks each, so this compares something real.
    expect(unwrapped(blockwise).childElementCount).toBeGreaterThan(1);
    const Whole = await wholeTextMarkdown();
    const whole = render(<Whole text={text} />).container;
    expect(whole.innerHTML.length).toBeGreaterThan(text.length / 2);
    // Code with a language is highlighted in idle time in both; compare once both settled.
    await waitFor(() => expect(topLevelHtml(blockwise)).toBe(topLevelHtml(whole)), { timeout: 5_000 });
    expect(unwrapped(blockwise).childElementCount).toBe(unwrapped(whole).childElementCount);
  });

  it('while streaming, parses only the growing last block again on each delta', () => {
    const finished = '# Plan\n\nFirst a paragraph that is done.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n';
    let text = `${finished}Growing`;
    const { container, rerender } = render(<Markdown text={text} streaming />);
    expect(container.querySelector('table')).not.toBeNull();

    const before = parses.count;
    for (let i = 0; i < 30; i++) {
      text += ` word${i}`;
      rerender(<Markdown text={text} streaming />);
    }
    const perDelta = (parses.count - before) / 30;

    expect(container.textContent).toContain('Growing word0 word1');
    expect(container.textContent).toContain('word29');
    // One parse per delta (the last block); re-parsing all four blocks would be 4.
    expect(perDelta).toBeGreaterThanOrEqual(1);
    expect(perDelta).toBeLessThan(1.5);
  });

  it('when a delta starts a new block, the blocks before it are not parsed again', () => {
    let text = 'One.\n\nTwo.\n\nThree';
    const { container, rerender } = render(<Markdown text={text} streaming />);
    const before = parses.count;
    for (let i = 0; i < 10; i++) {
      text += `\n\nParagraph ${i}`;
      rerender(<Markdown text={text} streaming />);
    }
    // Each delta: the old last block (now finished) once and the new one once.
    expect(parses.count - before).toBeLessThanOrEqual(20);
    expect(unwrapped(container).querySelectorAll(':scope > p')).toHaveLength(13);
    expect(unwrapped(container).lastElementChild!.textContent).toBe('Paragraph 9');
  });

  it('leaves code in the growing last block unhighlighted until the answer is finished', async () => {
    const earlier = '```js\nconst done = 1;\n```\n\nNow the next part:\n\n';
    const text = `${earlier}\`\`\`js\nconst growing = 2;\n`;
    const { container, rerender } = render(<Markdown text={text} streaming />);
    const codes = () => container.querySelectorAll('pre code');
    const highlighted = (code: Element | undefined) => code?.querySelector('[class^="hljs"]') != null;

    // The finished block before it gets highlighted: the highlighter is loaded and has run.
    await waitFor(() => expect(codes()[0]!.querySelector('.hljs-keyword')).not.toBeNull(), { timeout: 5_000 });
    expect(codes()).toHaveLength(2);
    expect(codes()[1]!.className).not.toContain('hljs');
    expect(highlighted(codes()[1])).toBe(false);

    // The fence closes, but the block is still the growing one of a streaming answer.
    rerender(<Markdown text={`${text}\`\`\``} streaming />);
    expect(codes()[1]!.textContent).toBe('const growing = 2;\n');
    // Idle highlighting runs in order: once code rendered after this has been highlighted, the
    // growing block would have been too, had it been queued.
    const probe = render(<Markdown text={'```js\nlet probe = 3;\n```'} />).container;
    await waitFor(() => expect(probe.querySelector('code.hljs .hljs-keyword')).not.toBeNull(), { timeout: 5_000 });
    expect(highlighted(codes()[1])).toBe(false);

    rerender(<Markdown text={`${text}\`\`\``} streaming={false} />);
    await waitFor(() => expect(container.querySelectorAll('code.hljs .hljs-keyword')).toHaveLength(2), {
      timeout: 5_000,
    });
    expect(codes()[1]!.textContent).toBe('const growing = 2;\n');
  });

  it('highlights code of a streaming answer once later blocks have finished it', async () => {
    const text = 'Intro\n\n```js\nconst first = 1;\n```\n\n';
    const { container, rerender } = render(<Markdown text={`${text}More`} streaming />);
    await waitFor(() => expect(container.querySelector('code.hljs .hljs-keyword')).not.toBeNull(), { timeout: 5_000 });
    expect(container.querySelector('code.hljs')!.textContent).toBe('const first = 1;\n');
    rerender(<Markdown text={`${text}More text, still streaming`} streaming />);
    expect(container.querySelector('code.hljs .hljs-keyword')).not.toBeNull();
  });

  it('shows a 200-block answer of over 100 kB over several frames, ending with all of it', async () => {
    const sentence = 'This is a long answer that goes on and on so the text is large enough to matter. ';
    const blocks = Array.from({ length: 200 }, (_, i) => `Block ${i} starts. ${sentence.repeat(7)}Block ${i} ends.`);
    const text = blocks.join('\n\n');
    expect(text.length).toBeGreaterThan(100_000);

    const { container } = render(<Markdown text={text} />);
    const shown = () => unwrapped(container).querySelectorAll(':scope > p');
    // The first render holds one frame's budget (at most 20,000 characters), never all of it.
    expect(shown().length).toBeGreaterThan(0);
    expect(shown().length).toBeLessThan(200);
    expect(shown()[0]!.textContent).toMatch(/^Block 0 starts\./);

    await waitFor(() => expect(shown()).toHaveLength(200), { timeout: 25_000, interval: 50 });
    expect(shown()[199]!.textContent).toMatch(/Block 199 ends\.$/);
    const order = [...shown()].map((p) => Number(/^Block (\d+)/.exec(p.textContent ?? '')?.[1]));
    expect(order).toEqual(blocks.map((_, i) => i));
    // The page's top level holds a box per 32 blocks, not 200 paragraphs: adding to a long answer
    // lays out its last box instead of stepping over every paragraph above it.
    // However the backlog arrived: each box starts at a multiple of 32 (7 boxes, the last with 8).
    const boxes = [...container.querySelector('.markdown')!.children];
    expect(boxes.map((box) => Number(/^Block (\d+)/.exec(box.textContent ?? '')?.[1]))).toEqual([
      0, 32, 64, 96, 128, 160, 192,
    ]);
  }, 30_000);
});
