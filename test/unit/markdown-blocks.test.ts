// The split of a streamed answer into top-level Markdown blocks (renderer/src/chat/markdown-blocks.ts):
// boundaries fall only at a blank line followed by an unindented line outside fenced code, and
// growing the text re-splits only the last block with the same result as splitting it whole.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { growBlocks, splitBlocks } from '../../renderer/src/chat/markdown-blocks';

/** Grows `text` through the given cut points the way the chat does, one delta at a time. */
function growThrough(text: string, cuts: number[]): { text: string; blocks: string[] }[] {
  const steps: { text: string; blocks: string[] }[] = [];
  let previous = { text: '', blocks: [] as string[] };
  for (const cut of [...cuts, text.length]) {
    const prefix = text.slice(0, cut);
    previous = { text: prefix, blocks: growBlocks(previous, prefix) };
    steps.push(previous);
  }
  return steps;
}

describe('splitBlocks', () => {
  it('splits paragraphs at blank lines, each block keeping its blank lines', () => {
    expect(splitBlocks('First paragraph.\n\nSecond one\nstill second.\n\nThird.')).toEqual([
      'First paragraph.\n\n',
      'Second one\nstill second.\n\n',
      'Third.',
    ]);
  });

  it('keeps a single paragraph, and an empty text, as one block', () => {
    expect(splitBlocks('Just one line')).toEqual(['Just one line']);
    expect(splitBlocks('line one\nline two\n')).toEqual(['line one\nline two\n']);
    expect(splitBlocks('')).toEqual(['']);
  });

  it('keeps several blank lines with the block before them', () => {
    expect(splitBlocks('a\n\n\n\nb')).toEqual(['a\n\n\n\n', 'b']);
  });

  it('keeps a ``` fence with blank lines inside as one block', () => {
    const code = '```python\ndef f():\n    return 1\n\n\nprint(f())\n\nx = 2\n```\n';
    expect(splitBlocks(`Intro:\n\n${code}\nAfter the code.`)).toEqual(['Intro:\n\n', `${code}\n`, 'After the code.']);
  });

  it('keeps a ~~~ fence as one block, and a ``` line does not close it', () => {
    const code = '~~~\nfirst\n\n```\nstill code\n\nmore code\n~~~\n';
    expect(splitBlocks(`${code}\nText.`)).toEqual([`${code}\n`, 'Text.']);
  });

  it('needs a closing fence at least as long as the opening one', () => {
    const code = '````\nshort close below\n\n```\n\nstill code\n````\n';
    expect(splitBlocks(`${code}\nDone.`)).toEqual([`${code}\n`, 'Done.']);
  });

  it('keeps an unclosed fence (a streaming answer) open to the end', () => {
    expect(splitBlocks('Look:\n\n```js\nconst a = 1;\n\nconst b = 2;\n\nnot yet closed')).toEqual([
      'Look:\n\n',
      '```js\nconst a = 1;\n\nconst b = 2;\n\nnot yet closed',
    ]);
  });

  it("keeps a list item's indented second paragraph with its list", () => {
    const list = '- first item\n\n  its second paragraph\n- second item\n\n    indented code in it\n';
    expect(splitBlocks(`${list}\nAfter the list.`)).toEqual([`${list}\n`, 'After the list.']);
  });

  it('keeps a loose list (items with blank lines between) as one block, so it is numbered as one list', () => {
    expect(splitBlocks('Steps:\n\n1. Pack\n\n1. Go\n\n- milk\n\n* eggs\n\nDone.')).toEqual([
      'Steps:\n\n1. Pack\n\n1. Go\n\n- milk\n\n* eggs\n\n',
      'Done.',
    ]);
  });

  it('keeps a tab-indented continuation with the block above', () => {
    expect(splitBlocks('1. step\n\n\tdetails\n\nNext')).toEqual(['1. step\n\n\tdetails\n\n', 'Next']);
  });

  it('makes a table one block and headings their own blocks', () => {
    const table = '| Day | Task |\n|---|---|\n| Mon | Write |\n| Tue | Call |\n';
    expect(splitBlocks(`# Plan\n\n## Week\nSome text\n\n${table}\nThe end.`)).toEqual([
      '# Plan\n\n',
      '## Week\nSome text\n\n',
      `${table}\n`,
      'The end.',
    ]);
  });

  it('leaves text with a reference definition or a footnote definition as one block', () => {
    const reference = 'See [the docs][docs].\n\nMore text.\n\n[docs]: https://example.com/docs\n\nAfter.';
    expect(splitBlocks(reference)).toEqual([reference]);
    const footnote = 'A claim.[^1]\n\nMore.\n\n[^1]: The source.';
    expect(splitBlocks(footnote)).toEqual([footnote]);
  });
});

describe('growBlocks', () => {
  it('re-splits only the last block and keeps the earlier blocks as they were', () => {
    const before = splitBlocks('One.\n\nTwo.\n\nThr');
    const after = growBlocks({ text: 'One.\n\nTwo.\n\nThr', blocks: before }, 'One.\n\nTwo.\n\nThree.\n\nFour');
    expect(after).toEqual(['One.\n\n', 'Two.\n\n', 'Three.\n\n', 'Four']);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
  });

  it('splits from scratch when the text did not grow from the previous one', () => {
    const previous = { text: 'Alpha.\n\nBeta.', blocks: splitBlocks('Alpha.\n\nBeta.') };
    expect(growBlocks(previous, 'Gamma.\n\nDelta.')).toEqual(['Gamma.\n\n', 'Delta.']);
    expect(growBlocks(previous, 'Alpha.')).toEqual(['Alpha.']);
  });

  it('turns into one block when a reference definition arrives', () => {
    const start = 'See [x].\n\nMore.\n\n';
    const steps = growThrough(`${start}[x]: https://example.com`, [start.length]);
    expect(steps[0]!.blocks).toEqual(['See [x].\n\n', 'More.\n\n']);
    expect(steps[1]!.blocks).toEqual([`${start}[x]: https://example.com`]);
  });

  it('settles a boundary only once the line after it is whole ("1" may become "1. item")', () => {
    const early = { text: 'Intro.\n\n1', blocks: splitBlocks('Intro.\n\n1') };
    expect(early.blocks).toEqual(['Intro.\n\n', '1']);
    expect(growBlocks(early, 'Intro.\n\n1. Pack\n')).toEqual(['Intro.\n\n1. Pack\n']);
  });

  it('does not split inside a fence that opened in an earlier delta', () => {
    const text = 'Intro\n\n```\ncode\n\nmore\n```\n\nEnd';
    const steps = growThrough(text, [7, 11, 17, 18, 23]);
    for (const step of steps) expect(step.blocks).toEqual(splitBlocks(step.text));
    expect(steps.at(-1)!.blocks).toEqual(['Intro\n\n', '```\ncode\n\nmore\n```\n\n', 'End']);
  });
});

// Markdown-ish answers made of the kinds of lines that decide where blocks end.
const line = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('Some text here.', 'More **bold** words', 'x', 'A longer sentence, with a comma.'),
  },
  { weight: 4, arbitrary: fc.constantFrom('', '', ' ', '\t') },
  { weight: 2, arbitrary: fc.constantFrom('```', '```js', '~~~', '````', '  ```', '``` ', '~~~~', '``') },
  { weight: 2, arbitrary: fc.constantFrom('  indented', '    code line', '\tindented by a tab', '   three') },
  { weight: 2, arbitrary: fc.constantFrom('- item', '* item', '1. first', '2. second', '> quote') },
  { weight: 1, arbitrary: fc.constantFrom('# Heading', '## Sub heading', '---', '===') },
  { weight: 1, arbitrary: fc.constantFrom('| a | b |', '|---|---|', '| 1 | 2 |') },
  { weight: 1, arbitrary: fc.constantFrom('[ref]: https://example.com', '[^1]: a note', '   [x]: /y', '[not a def]') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const markdownish = fc
  .tuple(fc.array(line, { maxLength: 24 }), fc.boolean())
  .map(([lines, trailingNewline]) => lines.join('\n') + (trailingNewline ? '\n' : ''));

/** A line that starts like a reference or footnote definition (`[label]:`). */
const hasDefinition = (text: string) => /^ {0,3}\[[^\]\n]+\]:/m.test(text);

/** Sorted cut points inside the text: the lengths of the prefixes a stream delivers. */
const textWithCuts = markdownish.chain((text) =>
  fc.tuple(
    fc.constant(text),
    fc
      .uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 })
      .map((cuts) => cuts.sort((a, b) => a - b)),
  ),
);

describe('block properties (fast-check)', () => {
  it('the blocks joined are the text', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        expect(splitBlocks(text).join('')).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('every block after the first starts with an unindented line after a blank line', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const blocks = splitBlocks(text);
        for (let i = 1; i < blocks.length; i++) {
          expect(blocks[i - 1]).toMatch(/(^|\n)[ \t]*\n$/);
          expect(blocks[i]).toMatch(/^[^ \t\n]/);
          expect(blocks[i]!.split('\n')[0]!.trim()).not.toBe('');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('growing through any sequence of prefixes gives the blocks of the whole text at every step', () => {
    fc.assert(
      fc.property(textWithCuts, ([text, cuts]) => {
        for (const step of growThrough(text, cuts)) expect(step.blocks).toEqual(splitBlocks(step.text));
      }),
      { numRuns: 500 },
    );
  });

  it('growing one character at a time gives the blocks of the whole text', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const cuts = Array.from({ length: text.length }, (_, i) => i);
        const steps = growThrough(text, cuts);
        expect(steps.at(-1)!.blocks).toEqual(splitBlocks(text));
        for (const step of steps) expect(step.blocks.join('')).toBe(step.text);
      }),
      { numRuns: 300 },
    );
  });

  // Until a reference or footnote definition arrives: then the answer is one block by design.
  // A block is complete once the line after it is whole ("2" may still become the list item "2. x").
  it('a block that was complete at one step is the same string at the same index later', () => {
    fc.assert(
      fc.property(textWithCuts, ([text, cuts]) => {
        const steps = growThrough(text, cuts);
        for (let i = 0; i < steps.length; i++) {
          const { blocks } = steps[i]!;
          const complete = blocks.slice(0, blocks.at(-1)?.includes('\n') ? -1 : -2);
          for (const later of steps.slice(i + 1)) {
            if (hasDefinition(later.text)) break;
            expect(later.blocks.slice(0, complete.length)).toEqual(complete);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
