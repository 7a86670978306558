// Fuzzing the import parser with what a crafted export holds: any JSON value, prototype keys,
// message trees that loop or point nowhere, deep nesting, huge strings, broken bytes and zips.
// Import never throws anything but its own "unreadable" error, never changes a prototype, keeps
// every skipped entry counted, and writes nothing outside the data folder (nor anything from an
// attachment entry whose name is a path trick or whose id is not a SHA-256).
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Zip, ZipPassThrough, strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile, mapEntry } from '../../main/core/conversations/transfer/conversation-import';
import { ImportLedger } from '../../main/core/conversations/transfer/import-ledger';
import { wantedEntry } from '../../main/core/conversations/transfer/export-files';
import { AttachmentStore } from '../../main/core/attachments/attachment-store';
import { createFileLogger } from '../../main/core/logger';
import { JsonArrayElements, UnreadableExportError } from '../../main/core/conversations/transfer/json-array-elements';
import { ZipConversations } from '../../main/core/conversations/transfer/zip-conversations';
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { openConfStore } from '../../main/core/storage/open-store';
import { anyValue, hugeString, pollutedJson, pollutionKeys, snapshotPrototypes } from '../support/hostile-values';

const prototypes = snapshotPrototypes();
afterAll(() => expect(snapshotPrototypes()).toBe(prototypes));

const NOW = '2026-11-27T12:00:00.000Z';
const nodeId = fc.oneof(fc.constantFrom(...pollutionKeys, 'root', 'a', 'b'), fc.string({ maxLength: 6 }));
const picturePart = fc.record({
  content_type: fc.constant('image_asset_pointer'),
  asset_pointer: fc.oneof(
    fc.constantFrom('file-service://file-a1', 'sediment://file_00', 'file-service://../x'),
    anyValue(true),
  ),
});
const hostileNode = fc.record(
  {
    id: nodeId,
    parent: fc.oneof(nodeId, fc.constant(null), anyValue(true)),
    children: fc.oneof(fc.array(nodeId, { maxLength: 3 }), anyValue(true)),
    message: fc.oneof(
      anyValue(true),
      fc.record({
        author: fc.record({
          role: fc.constantFrom('user', 'assistant', 'tool', 'system', '__proto__'),
          name: anyValue(true),
        }),
        content: fc.oneof(
          anyValue(true),
          fc.record({
            content_type: fc.constantFrom('text', 'multimodal_text', 'code', 'execution_output', 'tether_quote', 'x'),
            parts: fc.oneof(
              fc.array(fc.oneof(fc.string(), picturePart, anyValue(true)), { maxLength: 3 }),
              anyValue(true),
            ),
            text: fc.oneof(fc.string(), anyValue(true)),
          }),
        ),
        create_time: fc.oneof(fc.double(), fc.string(), anyValue(true)),
        metadata: fc.oneof(anyValue(true), pollutedJson),
      }),
    ),
  },
  { requiredKeys: [] },
);
const chatGptLike = fc.record(
  {
    title: fc.oneof(fc.string(), anyValue(true)),
    create_time: fc.oneof(fc.double(), anyValue(true)),
    current_node: fc.oneof(nodeId, anyValue(true)),
    conversation_id: fc.oneof(fc.string(), anyValue(true)),
    mapping: fc.oneof(
      fc.array(hostileNode, { maxLength: 8 }).map((nodes) => {
        const mapping: Record<string, unknown> = {};
        for (const node of nodes)
          Object.defineProperty(mapping, String(node.id ?? 'x'), { value: node, enumerable: true, configurable: true });
        return mapping;
      }),
      anyValue(true),
    ),
  },
  { requiredKeys: ['mapping'] },
);
const claudeLike = fc.record({
  uuid: fc.oneof(fc.string(), anyValue(true)),
  name: fc.oneof(fc.string(), anyValue(true)),
  created_at: fc.oneof(fc.string(), fc.date().map(String), anyValue(true)),
  chat_messages: fc.array(
    fc.oneof(
      anyValue(true),
      fc.record({
        sender: fc.constantFrom('human', 'assistant', 'x'),
        text: fc.oneof(fc.string(), anyValue(true)),
        content: fc.oneof(fc.array(anyValue(true), { maxLength: 3 }), anyValue(true)),
        attachments: fc.oneof(fc.array(anyValue(true), { maxLength: 2 }), anyValue(true)),
      }),
    ),
    { maxLength: 5 },
  ),
});
const aideLike = fc.record({
  format: fc.constant('aide-conversation'),
  version: anyValue(true),
  id: anyValue(true),
  messages: anyValue(true),
});
const entry = fc.oneof(anyValue(true), pollutedJson, chatGptLike, claudeLike, aideLike);

/** What a mapped entry must be: a conversation of user and assistant messages, or a reason. */
function expectWellFormed(raw: unknown): void {
  const mapped = mapEntry(raw, NOW);
  if (!mapped.ok) {
    expect(typeof mapped.reason).toBe('string');
    return;
  }
  const { conversation } = mapped;
  expect(conversation.messages.length).toBeGreaterThan(0);
  expect(conversation.title.length).toBeGreaterThan(0);
  expect(Array.from(conversation.title).length).toBeLessThanOrEqual(200);
  for (const message of conversation.messages) {
    expect(['user', 'assistant']).toContain(message.role);
    expect(typeof message.content).toBe('string');
    expect(Number.isNaN(Date.parse(message.createdAt))).toBe(false);
  }
}

/** Feeds bytes in the given chunk sizes; returns the elements, or the unreadable error's message. */
function parse(bytes: Uint8Array, cuts: number[]): { elements: number; skipped: string[] } | string {
  const parser = new JsonArrayElements({ maxDepth: 16, maxElementBytes: 64 * 1024, maxTokenBytes: 32 * 1024 });
  const found = [];
  try {
    let at = 0;
    for (const cut of [...cuts, bytes.length]) {
      parser.write(bytes.subarray(at, Math.max(at, Math.min(cut, bytes.length))));
      at = Math.max(at, Math.min(cut, bytes.length));
      found.push(...parser.take());
    }
    parser.end();
  } catch (error) {
    if (error instanceof UnreadableExportError) return error.message;
    throw error;
  }
  return {
    elements: found.filter((e) => e.kind === 'value').length,
    skipped: found.flatMap((e) => (e.kind === 'skipped' ? [e.reason] : [])),
  };
}

describe('mapping an entry', () => {
  it('turns any entry into a well-formed conversation or a reason, never a crash', () => {
    fc.assert(fc.property(entry, expectWellFormed), { numRuns: 1_500 });
  });

  it('a message tree that loops is skipped, not followed forever', () => {
    const loop = {
      current_node: 'a',
      mapping: { a: { parent: 'b', message: null }, b: { parent: 'a', message: null } },
    };
    expect(mapEntry(loop, NOW)).toEqual({ ok: false, reason: 'its message tree is broken' });
  });
});

describe('the stream parser', () => {
  const cuts = fc.array(fc.nat({ max: 4_000 }), { maxLength: 6 }).map((list) => list.sort((a, b) => a - b));

  it('reads any list of entries in any chunking as the same elements', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), cuts, (entries, at) => {
        const bytes = strToU8(JSON.stringify(entries));
        const result = parse(bytes, at);
        if (typeof result === 'string') return; // too large for the small limits used here
        expect(result.elements + result.skipped.length).toBe(entries.length);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses any bytes it cannot read with its own error only', () => {
    const junk = fc.oneof(
      fc.uint8Array({ maxLength: 2_000 }),
      fc.string({ maxLength: 500 }).map(strToU8),
      fc.jsonValue().map((v) => strToU8(JSON.stringify(v).slice(0, -1))),
    );
    fc.assert(
      fc.property(junk, cuts, (bytes, at) => void parse(bytes, at)),
      { numRuns: 1_000 },
    );
  });

  it('skips an entry nested too deeply and reads the next one', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const bytes = strToU8(`[{"a":${deep}},{"ok":true}]`);
    expect(parse(bytes, [10, 50_000, 150_000])).toEqual({ elements: 1, skipped: ['nested too deeply'] });
  });

  it('skips an entry with a string past the element limit and reads the next one', () => {
    fc.assert(
      fc.property(hugeString(200_000), (huge) => {
        const bytes = strToU8(JSON.stringify([{ text: huge.slice(0, 60_000) }, { ok: true }]));
        const result = parse(bytes, [1_000, 30_000]);
        expect(result).toEqual({ elements: 1, skipped: ['too large'] });
      }),
      { numRuns: 10 },
    );
  });

  it('stops at one string larger than it may hold, saying so', () => {
    const bytes = strToU8(JSON.stringify([{ text: 'x'.repeat(200_000) }]));
    expect(parse(bytes, [10_000, 40_000, 80_000])).toBe('The file holds a single text too large to read.');
  });
});

describe('zip files', () => {
  const zipPrefixed = fc.uint8Array({ minLength: 0, maxLength: 3_000 }).map((rest) => {
    const bytes = new Uint8Array(rest.length + 4);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    bytes.set(rest, 4);
    return bytes;
  });
  const entryName = fc.oneof(
    fc.constantFrom(
      '../conversations.json',
      '/conversations.json',
      'a/../../conversations.json',
      'C:/conversations.json',
      'a\\conversations.json',
      '__proto__',
      'a/b/conversations.json',
    ),
    fc.string({ maxLength: 30 }),
  );
  /** A zip with one entry named exactly `name` (zipSync would read "/" in it as folders). */
  const zipNamed = (name: string, data: Uint8Array): Uint8Array => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      parts.push(chunk);
    });
    const file = new ZipPassThrough(name);
    zip.add(file);
    file.push(data, true);
    zip.end();
    return Buffer.concat(parts);
  };

  it('reads conversations.json only from the top or one folder down, never through a path', () => {
    const read = (name: string) => {
      let got = 0;
      try {
        new ZipConversations((data) => (got += data.length)).push(zipNamed(name, strToU8('[]')), true);
      } catch (error) {
        expect((error as Error).message).toBe('The zip file holds no conversations.json.');
      }
      return got > 0;
    };
    expect(['conversations.json', 'export/conversations.json'].map(read)).toEqual([true, true]);
    const hidden = [
      '../conversations.json',
      '/conversations.json',
      'a/../conversations.json',
      'C:/conversations.json',
      'a\\conversations.json',
      'a/b/conversations.json',
    ];
    expect(hidden.map(read)).toEqual(hidden.map(() => false));
  });

  it('takes an attachment entry only by a plain name, with a SHA-256 id or a ChatGPT file id', () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '', 'attachments', 'C:', 'file-a1.png', 'a\\b'), fc.string());
    const name = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/')),
      fc.stringMatching(/^attachments\/[0-9a-fA-F./]{60,70}$/),
    );
    fc.assert(
      fc.property(name, (entryName) => {
        const wanted = wantedEntry(entryName);
        if (!wanted) return;
        expect(entryName.includes('..') || entryName.includes('\\') || entryName.startsWith('/')).toBe(false);
        expect(wanted.key).toMatch(wanted.kind === 'aide' ? /^[0-9a-f]{64}$/ : /^file[-_][A-Za-z0-9]+$/);
      }),
      { numRuns: 2_000 },
    );
    const hostile = [
      'attachments/../../x',
      `attachments/../${'a'.repeat(64)}`,
      'attachments/NOT-HEX',
      '../file-a1.png',
    ];
    expect(hostile.map(wantedEntry)).toEqual(hostile.map(() => null));
  });

  it('refuses damaged zips and zips whose conversations.json hides behind a path, with its own error', () => {
    const damaged = fc
      .tuple(fc.constant(zipSync({ 'conversations.json': strToU8('[]') })), fc.nat(), fc.nat({ max: 255 }))
      .map(([zip, at, byte]) => {
        const copy = zip.slice();
        copy[at % copy.length] = byte;
        return copy;
      });
    const named = entryName.map((name) => zipNamed(name, strToU8('[{"chat_messages":[]}]')));
    fc.assert(
      fc.property(fc.oneof(zipPrefixed, damaged, named), (bytes) => {
        const zip = new ZipConversations(() => undefined);
        try {
          zip.push(bytes, true);
        } catch (error) {
          expect(error).toBeInstanceOf(UnreadableExportError);
        }
      }),
      { numRuns: 600 },
    );
  });
});

describe('a whole hostile export', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('imports what it can, counts the rest, and writes only Aide files inside its data folder', async () => {
    const outer = await mkdtemp(join(tmpdir(), 'aide-import-fuzz-'));
    dirs.push(outer);
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.boolean(), async (entries, zipped) => {
        const dataDir = await mkdtemp(join(outer, 'data-'));
        const file = join(outer, `${Math.random().toString(36).slice(2)}.upload`);
        const json = strToU8(JSON.stringify(entries));
        const hostileFiles = {
          '../escape.txt': json,
          'attachments/../../x': json,
          [`attachments/../${'a'.repeat(64)}`]: json,
          '../file-evil-x.png': json,
          'attachments/NOT-HEX': json,
        };
        await writeFile(file, zipped ? zipSync({ 'conversations.json': json, ...hostileFiles }) : json);
        const clock = { now: () => new Date(NOW) };
        const store = new ConversationStore(openConfStore, dataDir, clock);
        const summary = await importFile(file, {
          store,
          ledger: new ImportLedger(dataDir),
          now: () => new Date(NOW),
          signal: new AbortController().signal,
          onProgress: () => undefined,
          attachments: {
            store: new AttachmentStore(openConfStore, dataDir, clock, createFileLogger(dataDir)),
            tempDir: join(dataDir, 'transfer-temp'),
          },
        });
        expect(summary.error).toBeNull();
        expect(summary.imported + summary.skipped + summary.duplicates).toBe(entries.length);
        expect(store.list()).toHaveLength(summary.imported);
        const written = await readdir(dataDir);
        expect(
          written.every((name) =>
            /^(conversations(\.json|-journal\.jsonl)?|conversation-imports\.jsonl|attachments|transfer-temp|logs?)$/.test(
              name,
            ),
          ),
        ).toBe(true);
        expect(await readdir(join(dataDir, 'transfer-temp')).catch(() => [])).toEqual([]);
        expect((await readdir(join(dataDir, 'attachments')).catch(() => [])).filter((n) => n !== 'index.json')).toEqual(
          [],
        );
        await rm(file);
      }),
      { numRuns: 40 },
    );
    expect((await readdir(outer)).filter((name) => !name.startsWith('data-'))).toEqual([]);
  });
});
