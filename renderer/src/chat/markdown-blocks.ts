// Splits a Markdown answer into top-level blocks that can be rendered on their own, so a
// streamed answer re-parses only its growing last block instead of the whole text per update.
//
// A block ends at a blank line that is followed by an unindented line, outside fenced code.
// Indented lines (a list item's second paragraph, indented code) stay with the block above, and
// so does a list item (a loose list stays one list, numbered and spaced as a whole).
// Reference links and footnotes need the whole text, so an answer with definitions is one block.

const fence = /^ {0,3}(`{3,}|~{3,})/;
const listItem = /^([-*+]|\d{1,9}[.)])([ \t]|$)/;
const definition = /^ {0,3}\[[^\]\n]+\]:/m;

export function splitBlocks(text: string): string[] {
  if (definition.test(text)) return [text];
  const blocks: string[] = [];
  let start = 0;
  let open: string | null = null;
  let previousBlank = false;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    const blank = line.trim() === '';
    if (open === null) {
      if (previousBlank && !blank && !/^[ \t]/.test(line) && !listItem.test(line) && lineStart > start) {
        blocks.push(text.slice(start, lineStart));
        start = lineStart;
      }
      open = fence.exec(line)?.[1] ?? null;
    } else if (closes(line, open)) {
      open = null;
    }
    previousBlank = blank;
    lineStart = lineEnd + 1;
  }
  blocks.push(text.slice(start));
  return blocks;
}

function closes(line: string, opener: string): boolean {
  const marks = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)?.[1];
  return marks !== undefined && marks[0] === opener[0] && marks.length >= opener.length;
}

/**
 * The blocks of `text` when it grew from the text `previous` was split from: only the last block
 * is split again, so each update costs the size of the last block, not of the whole answer. A
 * boundary is final once the first line after it is complete ("1" may still become "1. item");
 * until then the block before it is split again too. Blocks that did not change are the same
 * strings as before.
 */
export function growBlocks(previous: { text: string; blocks: string[] }, text: string): string[] {
  const { blocks } = previous;
  const last = blocks.at(-1);
  if (last === undefined || !text.startsWith(previous.text) || definition.test(text)) return splitBlocks(text);
  const settled = settledBlocks(blocks);
  const from = blocks.slice(0, settled).reduce((length, block) => length + block.length, 0);
  return [...blocks.slice(0, settled), ...splitBlocks(text.slice(from))];
}

/** How many of a growing answer's blocks are final: growBlocks never splits them again. */
export function settledBlocks(blocks: string[]): number {
  const last = blocks.at(-1);
  if (last === undefined) return 0;
  return last.includes('\n') ? blocks.length - 1 : Math.max(0, blocks.length - 2);
}
