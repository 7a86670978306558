// The elements of one big top-level JSON array (an export's conversations.json), parsed one at a
// time from a byte stream with @streamparser/json: the file is never held in memory, and an
// element that is too deep, too big or not an object is skipped with a reason, never the rest.
import { TokenParser, Tokenizer, TokenType, type ParsedTokenInfo } from '@streamparser/json';

export interface ElementLimits {
  /** Nesting inside one element (a conversation) beyond which it is skipped. */
  maxDepth: number;
  /** Bytes of JSON one element may take; a bigger one is skipped. */
  maxElementBytes: number;
  /** Bytes one token (a string) may take; beyond it the file cannot be read on safely. */
  maxTokenBytes: number;
}

export const defaultElementLimits: ElementLimits = {
  maxDepth: 64,
  maxElementBytes: 128 * 1024 * 1024,
  maxTokenBytes: 32 * 1024 * 1024,
};

export type Element = { kind: 'value'; value: unknown } | { kind: 'skipped'; reason: string };

/** Thrown when the stream cannot be read on: not a JSON array, broken JSON, or an endless string. */
export class UnreadableExportError extends Error {
  override name = 'UnreadableExportError';
}

/** Feed bytes with `write`; elements collect in `take()`; `end()` checks the array was closed. */
export class JsonArrayElements {
  private readonly tokenizer = new Tokenizer({ stringBufferSize: 64 * 1024 });
  private readonly found: Element[] = [];
  private depth = 0;
  private closed = false;
  private element: TokenParser | null = null;
  private elementStart = 0;
  private skipReason: string | null = null;
  private bytes = 0;
  private lastToken = 0;

  constructor(private readonly limits: ElementLimits = defaultElementLimits) {
    this.tokenizer.onToken = (token) => this.onToken(token);
    this.tokenizer.onError = (error) => {
      // The tokenizer reports what onToken threw through here too.
      if (error instanceof UnreadableExportError) throw error;
      throw new UnreadableExportError(`The file is not valid JSON (${error.message.slice(0, 120)}).`);
    };
  }

  write(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.tokenizer.write(chunk);
    this.bytes += chunk.length;
    // A string still open after this many bytes would be held whole in memory: stop here.
    if (this.bytes - this.lastToken > this.limits.maxTokenBytes)
      throw new UnreadableExportError('The file holds a single text too large to read.');
  }

  /** Elements completed so far, oldest first; the list empties. */
  take(): Element[] {
    return this.found.splice(0);
  }

  end(): void {
    if (!this.closed) throw new UnreadableExportError('The file ends before its list of conversations does.');
  }

  private onToken({ token, value, offset }: ParsedTokenInfo): void {
    this.lastToken = offset;
    if (this.depth === 0) return this.atTop(token);
    const opens = token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET;
    const closes = token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET;
    if (this.depth === 1) {
      if (token === TokenType.COMMA) return;
      if (token === TokenType.RIGHT_BRACKET) {
        this.depth = 0;
        this.closed = true;
        return;
      }
      if (!opens) {
        this.found.push({ kind: 'skipped', reason: 'not a conversation' });
        return;
      }
      this.begin(offset);
    }
    if (opens) this.depth += 1;
    if (closes) this.depth -= 1;
    if (this.skipReason === null) this.check(token, value, offset);
    try {
      this.element?.write({ token, value } as Omit<ParsedTokenInfo, 'offset'>);
    } catch {
      // Where one element ends can no longer be told: nothing after it can be trusted either.
      throw new UnreadableExportError('The file is not valid JSON.');
    }
    if (this.depth === 1) this.finish();
  }

  private atTop(token: TokenType): void {
    if (this.closed) throw new UnreadableExportError('The file goes on after its list of conversations.');
    if (token !== TokenType.LEFT_BRACKET) throw new UnreadableExportError('The file is not a list of conversations.');
    this.depth = 1;
  }

  private begin(offset: number): void {
    this.elementStart = offset;
    this.skipReason = null;
    this.element = new TokenParser({ paths: ['$'], keepStack: false });
    this.element.onValue = ({ value, stack }) => {
      if (stack.length === 0) this.found.push({ kind: 'value', value });
    };
  }

  /** Drops the element being built once it breaks a limit; its tokens are then only counted. */
  private check(token: TokenType, value: unknown, offset: number): void {
    if (this.depth - 1 > this.limits.maxDepth) this.skipReason = 'nested too deeply';
    else if (offset - this.elementStart > this.limits.maxElementBytes) this.skipReason = 'too large';
    else if (token === TokenType.STRING && typeof value === 'string' && value.length > this.limits.maxTokenBytes)
      this.skipReason = 'too large';
    if (this.skipReason !== null) this.element = null;
  }

  private finish(): void {
    if (this.skipReason !== null) this.found.push({ kind: 'skipped', reason: this.skipReason });
    this.element = null;
    this.skipReason = null;
  }
}
