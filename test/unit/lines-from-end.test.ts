import { mkdtemp, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linesBefore, type LineAt } from '../../main/core/storage/lines-from-end';

async function readBack(text: string, end: number | null, chunkBytes: number): Promise<LineAt[]> {
  const file = join(await mkdtemp(join(tmpdir(), 'aide-lines-')), 'lines.jsonl');
  await writeFile(file, text);
  const handle = await open(file, 'r');
  try {
    const lines: LineAt[] = [];
    for await (const line of linesBefore(handle, end ?? Buffer.byteLength(text), chunkBytes)) lines.push(line);
    return lines;
  } finally {
    await handle.close();
  }
}

describe('linesBefore', () => {
  const text = 'first\nsecond line\n東京 🎉 naïve\nlast\n';

  it.each([1, 2, 3, 7, 64 * 1024])(
    'gives every line newest first with where it starts (chunks of %i bytes)',
    async (chunk) => {
      expect(await readBack(text, null, chunk)).toEqual([
        { text: 'last', start: 37 }, // 18 + 6 (東京) + 1 + 4 (🎉) + 1 + 6 (naïve) + 1
        { text: '東京 🎉 naïve', start: 18 },
        { text: 'second line', start: 6 },
        { text: 'first', start: 0 },
      ]);
    },
  );

  it('starts at a given line start and leaves what follows alone', async () => {
    expect((await readBack(text, 18, 4)).map((l) => l.text)).toEqual(['second line', 'first']);
  });

  it('gives a torn last line (no newline) as it is, and blank lines as empty', async () => {
    expect((await readBack('a\n\nb\n{"type":"mess', null, 3)).map((l) => l.text)).toEqual([
      '{"type":"mess',
      'b',
      '',
      'a',
    ]);
  });

  it('gives nothing for an empty file', async () => {
    expect(await readBack('', null, 8)).toEqual([]);
  });
});
