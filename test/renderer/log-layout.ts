// The message log laid out as a browser would, for happy-dom (which lays nothing out): row and log
// heights, a clamped scrollTop that reports its scroll, and a reader scrolling it.
import { fireEvent, within } from '@testing-library/react';
import { onTestFinished } from 'vitest';

/**
 * For the current test: each message row 80 px high, the log a window's height (what the list plans
 * for a log without layout) onto rows as tall as the list makes them.
 */
export function layOutMessageLog() {
  const heights = {
    offsetHeight(el: HTMLElement) {
      return el.classList.contains('message-row') ? 80 : undefined;
    },
    clientHeight(el: HTMLElement) {
      return el.classList.contains('message-log') ? window.innerHeight : undefined;
    },
    scrollHeight(el: HTMLElement) {
      if (!el.classList.contains('message-log')) return undefined;
      const rows = el.querySelector<HTMLElement>('.message-rows');
      return Math.max(window.innerHeight, Number.parseFloat(rows?.style.height ?? '') || 0);
    },
  };
  // A browser keeps scrollTop within what can be scrolled.
  const scrollTop = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTop');
  Object.defineProperty(HTMLElement.prototype, 'scrollTop', {
    configurable: true,
    get(this: HTMLElement) {
      return scrollTop?.get?.call(this) as number;
    },
    set(this: HTMLElement, value: number) {
      if (!this.classList.contains('message-log')) return scrollTop?.set?.call(this, value);
      const before = this.scrollTop;
      scrollTop?.set?.call(this, Math.max(0, Math.min(value, this.scrollHeight - this.clientHeight)));
      // …and tells the page it scrolled, in the next frame.
      if (this.scrollTop !== before) requestAnimationFrame(() => this.dispatchEvent(new Event('scroll')));
    },
  });
  onTestFinished(() => {
    Reflect.deleteProperty(HTMLElement.prototype, 'scrollTop');
  });
  for (const [name, height] of Object.entries(heights)) {
    const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, name);
    const inherited = Object.getOwnPropertyDescriptor(Element.prototype, name) ?? own;
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return height(this) ?? (inherited?.get?.call(this) as number | undefined) ?? 0;
      },
    });
    onTestFinished(() => {
      if (own) Object.defineProperty(HTMLElement.prototype, name, own);
      else Reflect.deleteProperty(HTMLElement.prototype, name);
    });
  }
}

/** Where the message row holding `el` starts in the log (the list places rows with translateY). */
export function rowTop(el: HTMLElement): number {
  const row = el.closest<HTMLElement>('.message-row');
  return Number(/translateY\(([-\d.]+)px\)/.exec(row?.style.transform ?? '')?.[1] ?? Number.NaN);
}

/** Scrolls the log up 400 px at a time, as a reader does, until the row with `text` is in view. */
export async function scrollUntilInView(el: HTMLElement, text: string): Promise<void> {
  const inView = () => {
    const shown = within(el).queryByText(text);
    const top = shown ? rowTop(shown) : Number.NaN;
    return top >= el.scrollTop && top < el.scrollTop + el.clientHeight;
  };
  el.scrollTop = el.scrollHeight - el.clientHeight;
  fireEvent.scroll(el);
  for (let step = 0; step < 40; step++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (inView()) return;
    el.scrollTop -= 400;
    fireEvent.scroll(el);
  }
  throw new Error(`${text} never scrolled into view`);
}
