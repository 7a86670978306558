// Splits a Markdown answer into top-level blocks that can be rendered on their own, so a
// streamed answer re-parses only its growing last block instead of the whole text per update.
//
// A block ends at a blank line that is followed by an unindented line, outside fenced code.
// Indented lines (a list item's second paragraph, indented code) stay with the block above.
// Reference links and footnotes need the whole text, so an answer with definitions is one block.

const fence = /^ {0,3}(`{3,}|~{3,})/;
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
      if (previousBlank && !blank && !/^[ \t]/.test(line) && lineStart > start) {
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
 * is split again (a block boundary, once seen, never moves), so each update costs the size of the
 * last block, not of the whole answer. Blocks that did not change are the same strings as before.
 */
export function growBlocks(previous: { text: string; blocks: string[] }, text: string): string[] {
  const { blocks } = previous;
  const last = blocks.at(-1);
  if (last === undefined || !text.startsWith(previous.text) || definition.test(text)) return splitBlocks(text);
  const lastStart = previous.text.length - last.length;
  return [...blocks.slice(0, -1), ...splitBlocks(text.slice(lastStart))];
}
