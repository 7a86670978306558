// Holds a phrase while the rules read it: each rule claims the spans it understood, so later
// rules (and the title) no longer see them. Spans keep their place, so indices stay valid.

/**
 * What a claimed span was: time expressions leave the title; a duration leaves it only for
 * appointments; unclear time words (not understood) leave it too, and make the phrase a question.
 */
export type SpanRole = 'time' | 'duration' | 'unclear';

interface Span {
  start: number;
  end: number;
  role: SpanRole;
}

export class Scanner {
  /** The phrase with claimed spans blanked out, for the next rules to match against. */
  private work: string;
  private readonly spans: Span[] = [];

  constructor(readonly text: string) {
    this.work = text;
  }

  get rest(): string {
    return this.work;
  }

  /** What is left, with claimed spans as '|' so a date reader cannot join words across them. */
  get restSealed(): string {
    let out = this.work;
    for (const s of this.spans) out = out.slice(0, s.start) + '|'.repeat(s.end - s.start) + out.slice(s.end);
    return out;
  }

  /** The claimed spans of time words (not lengths), in order, merged where only spaces lie between. */
  timeSpans(): { start: number; end: number }[] {
    const sorted = this.spans.filter((s) => s.role === 'time').sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number }[] = [];
    for (const { start, end } of sorted) {
      const last = merged[merged.length - 1];
      if (last !== undefined && this.text.slice(last.end, start).trim() === '') last.end = Math.max(last.end, end);
      else merged.push({ start, end });
    }
    return merged;
  }

  /**
   * Runs `pattern` (must be global) over what is still unclaimed; for each match `accept` says
   * whether the match is a real time expression (it may record what it read). Accepted matches
   * are claimed. Returns how many were accepted.
   */
  claim(pattern: RegExp, accept: (match: RegExpExecArray) => boolean, role: SpanRole = 'time'): number {
    let accepted = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(this.work); match !== null; match = pattern.exec(this.work)) {
      if (match[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      if (accept(match)) {
        this.mark(match.index, match.index + match[0].length, role);
        accepted++;
      }
    }
    return accepted;
  }

  mark(start: number, end: number, role: SpanRole = 'time'): void {
    this.spans.push({ start, end, role });
    this.work = this.work.slice(0, start) + ' '.repeat(end - start) + this.work.slice(end);
  }

  /** True when the text just before `index` (skipping spaces) belongs to a claimed span. */
  followsClaim(index: number): boolean {
    let i = index - 1;
    while (i >= 0 && this.text[i] === ' ') i--;
    return i >= 0 && this.spans.some((s) => i >= s.start && i < s.end);
  }

  /** The phrase without the claimed spans, keeping duration spans when `keepDurations`. */
  remainder(keepDurations: boolean): string {
    let out = '';
    for (let i = 0; i < this.text.length; i++) {
      const span = this.spans.find((s) => i >= s.start && i < s.end);
      if (span === undefined || (keepDurations && span.role === 'duration')) out += this.text[i];
      else if (span.start === i) out += ' ';
    }
    return out;
  }
}
