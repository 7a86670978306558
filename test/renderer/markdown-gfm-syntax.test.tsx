// Text that cannot hold GFM syntax is parsed without remark-gfm (renderer/src/chat/gfm-syntax.ts):
// it must come out exactly as remark-gfm would render it, and every GFM feature must still show,
// in a finished answer and in one that streams in.
import { cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { afterEach, describe, expect, it } from 'vitest';
import { mayHoldGfm } from '../../renderer/src/chat/gfm-syntax';
import { Markdown } from '../../renderer/src/chat/markdown';

afterEach(cleanup);

const html = (text: string, plugins: typeof remarkGfm[]) =>
  renderToStaticMarkup(<ReactMarkdown remarkPlugins={plugins}>{text}</ReactMarkdown>);

// Pieces of CommonMark, near misses of GFM (a colon without "//", "www" without a dot, "http"
// without "://") and GFM itself, so a check that let some GFM through would be caught.
const piece = fc.constantFrom(
  'word',
  ' ',
  '\n',
  '\n\n',
  '    ',
  '\t',
  '*',
  '**',
  '_',
  '__',
  '`',
  '```',
  '#',
  '## ',
  '- ',
  '+ ',
  '1. ',
  '2) ',
  '> ',
  '---',
  '===',
  '(',
  ')',
  '!',
  ']',
  '<',
  '>',
  '&amp;',
  '\\',
  ':',
  '/',
  '.',
  'www',
  'WWW',
  'http',
  'https',
  'mailto',
  'xmpp',
  'x',
  'example.com',
  '<https>',
  'é',
  '~',
  '~~',
  '|',
  ' | ',
  '[',
  '[ ] ',
  '[^1]',
  '@',
  '://',
  'www.',
);

describe('GFM-free text', () => {
  it('renders exactly as with remark-gfm (fast-check)', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        if (mayHoldGfm(text)) return;
        compared += 1;
        expect(html(text, [])).toBe(html(text, [remarkGfm]));
      }),
      { numRuns: 400 },
    );
    // Many generated texts are free of GFM syntax, so the property compared something real.
    expect(compared).toBeGreaterThan(50);
  });

  it.each([
    ['a table', '| a | b |\n|---|---|\n| 1 | 2 |', 'table td'],
    ['strikethrough', 'It was ~~wrong~~ right.', 'del'],
    ['a task list', '- [x] done\n- [ ] to do', 'input[type=checkbox]'],
    ['a bare web address', 'See www.example.com for more.', 'a[href="http://www.example.com"]'],
    ['a bare https link', 'Open https://example.com/docs now.', 'a[href="https://example.com/docs"]'],
    ['a bare e-mail address', 'Write to someone@example.com today.', 'a[href="mailto:someone@example.com"]'],
    ['a footnote', 'A claim.[^1]\n\n[^1]: The source.', 'section[data-footnotes] li'],
  ])('still shows %s, finished and streamed in', (_name, text, selector) => {
    expect(mayHoldGfm(text)).toBe(true);
    expect(render(<Markdown text={text} />).container.querySelector(selector)).not.toBeNull();
    const streamed = render(<Markdown text={`Intro.\n\n${text}\n\nMore`} streaming />).container;
    expect(streamed.querySelector(selector)).not.toBeNull();
  });
});
