// A long answer's finished blocks are parsed in pieces (segments) and shown in boxes of 32 blocks:
// however the blocks arrive, no piece spans two boxes, so every box holds exactly its 32.
import { expect, it } from 'vitest';
import { growSegments, noSegments } from '../../renderer/src/chat/markdown-segments';

const blocks = Array.from({ length: 100 }, (_, i) => `Block ${i}.\n\n`);

it('cuts a backlog of finished blocks at every 32nd block', () => {
  const grown = growSegments(noSegments, blocks.join(''), blocks, 70, 70);
  expect(grown.segments.map((s) => s.start)).toEqual([0, 32, 64]);
  expect(grown.segments[1]!.text).toBe(blocks.slice(32, 64).join(''));
  expect(grown.covered).toBe(70);
});

it('starts a later backlog where the last one stopped, still cut at the next 32nd block', () => {
  const first = growSegments(noSegments, blocks.slice(0, 20).join(''), blocks.slice(0, 20), 20, 20);
  const later = growSegments(first, blocks.join(''), blocks, 90, 90);
  expect(later.segments.map((s) => s.start)).toEqual([0, 20, 32, 64]);
  expect(later.segments.at(-1)!.text).toBe(blocks.slice(64, 90).join(''));
});
