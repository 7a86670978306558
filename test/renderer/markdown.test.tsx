import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown } from '../../renderer/src/chat/markdown';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('an assistant answer', () => {
  it('shows raw HTML as text and never creates the elements', () => {
    const { container } = render(
      <Markdown text={'Look: <img src=x onerror=alert(1)> and <script>alert(2)</script> done'} />,
    );

    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.textContent).toContain('<script>alert(2)</script>');
  });

  it('renders Markdown: emphasis, lists and GFM tables', () => {
    const { container } = render(<Markdown text={'**bold**\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |'} />);

    expect(screen.getByText('bold').tagName).toBe('STRONG');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(container.querySelector('table')).not.toBeNull();
  });

  it('keeps web links, opening them outside the app', () => {
    render(<Markdown text={'See [the docs](https://example.com/docs).'} />);

    const link = screen.getByRole('link', { name: 'the docs' });
    expect(link.getAttribute('href')).toBe('https://example.com/docs');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
  });

  it('drops javascript: and other unsafe link targets but keeps their text', () => {
    const { container } = render(
      <Markdown text={'[click me](javascript:alert(1)) [local](file:///etc/passwd) [mail](mailto:a@b.example)'} />,
    );

    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
    expect(container.querySelector('a[href^="file"]')).toBeNull();
    expect(screen.queryByRole('link', { name: 'click me' })).toBeNull();
    expect(container.textContent).toContain('click me');
    expect(screen.getByRole('link', { name: 'mail' }).getAttribute('href')).toBe('mailto:a@b.example');
  });

  it('shows a Markdown image as a link instead of loading it', () => {
    const { container } = render(<Markdown text={'![a chart](https://example.com/chart.png)'} />);

    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('link', { name: 'a chart' }).getAttribute('href')).toBe('https://example.com/chart.png');
  });

  it('highlights code blocks and copies their text with Copy code', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { container } = render(<Markdown text={'```js\nconst answer = 42;\n```'} />);

    // The highlighter loads on first use.
    await waitFor(() => expect(container.querySelector('code.hljs .hljs-keyword')).not.toBeNull());
    vi.useFakeTimers();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    });

    expect(writeText).toHaveBeenCalledWith('const answer = 42;\n');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy();
  });
});
