// Folds streamed text that arrives within one animation frame into one update, so a fast stream
// costs at most one render per frame. Text after a quiet spell (an answer's first token) goes
// through at once. Anything else (done, error, a card) first lets the text before it through, so
// the order of events is kept.

export interface Delta {
  conversationId: string;
  messageId: string;
  text: string;
}

/** The next frame, or a timer when there are no frames (a hidden window paints none). */
function nextFrame(run: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : null;
  const timer = setTimeout(once, 100);
  return () => {
    done = true;
    if (frame !== null) cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** No text for this long (about two frames) counts as quiet: the next text is drawn at once. */
const QUIET_MS = 32;

export class FrameBatcher {
  private pending: Delta[] = [];
  private cancel: (() => void) | null = null;
  private lastEmit = -Infinity;

  constructor(
    private readonly emit: (delta: Delta) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(delta: Delta): void {
    if (this.cancel === null && this.now() - this.lastEmit > QUIET_MS) {
      this.lastEmit = this.now();
      this.emit(delta);
      return;
    }
    const last = this.pending.at(-1);
    if (last && last.conversationId === delta.conversationId && last.messageId === delta.messageId) {
      last.text += delta.text;
    } else {
      this.pending.push({ ...delta });
    }
    this.cancel ??= nextFrame(() => this.flush());
  }

  /** Sends what is pending now: before any other event, and when the view goes away. */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    const pending = this.pending;
    this.pending = [];
    if (pending.length > 0) this.lastEmit = this.now();
    pending.forEach(this.emit);
  }
}
