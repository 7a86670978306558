// A large ChatGPT-format conversations.json written to disk a conversation at a time (never whole
// in memory), for the streaming test (20 MB) and the import benchmark (200 MB). The text varies
// like real chats do, so a zip of it compresses like a real export, not like a zip bomb.
import { open } from 'node:fs/promises';

const words = (
  'the a to of and in is it you that for on with as this be are was can or have not but your by from ' +
  'python list reminder meeting tomorrow train kyoto café naïve résumé 日本 数据 ünïcödé 🙂 function ' +
  'return value error config server request stream answer question because however example'
).split(' ');

/** A small deterministic generator (mulberry32), so every run writes the same file. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sentence(next: () => number, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i += 1) out.push(words[Math.floor(next() * words.length)]!);
  return out.join(' ');
}

/** One ChatGPT conversation of `turns` question/answer pairs. */
function conversation(index: number, turns: number, next: () => number): unknown {
  const mapping: Record<string, unknown> = {};
  let parent: string | null = null;
  const start = 1_700_000_000 + index * 3_600;
  for (let i = 0; i < turns * 2; i += 1) {
    const id = `c${index}-n${i}`;
    const role = i % 2 === 0 ? 'user' : 'assistant';
    const text = role === 'user' ? sentence(next, 12) : `${sentence(next, 80)}\n\n\`\`\`js\nlet x = ${i};\n\`\`\``;
    mapping[id] = {
      id,
      parent,
      children: i < turns * 2 - 1 ? [`c${index}-n${i + 1}`] : [],
      message: {
        id: `m-${id}`,
        author: { role },
        create_time: start + i * 30,
        content: { content_type: 'text', parts: [text] },
        metadata: role === 'assistant' ? { model_slug: 'gpt-4o' } : {},
      },
    };
    parent = id;
  }
  return {
    title: `Chat ${index}: ${sentence(next, 4)}`,
    create_time: start,
    update_time: start + turns * 60,
    conversation_id: `big-${index}`,
    current_node: parent,
    mapping,
  };
}

/** Writes conversations until the file reaches `bytes`; returns how many it holds. */
export async function writeBigExport(file: string, bytes: number, turns = 10): Promise<number> {
  const handle = await open(file, 'w');
  const next = random(42);
  let written = 0;
  let count = 0;
  try {
    await handle.write('[');
    written += 1;
    while (written < bytes) {
      const text = `${count > 0 ? ',' : ''}${JSON.stringify(conversation(count, turns, next))}`;
      await handle.write(text);
      written += Buffer.byteLength(text);
      count += 1;
    }
    await handle.write(']');
  } finally {
    await handle.close();
  }
  return count;
}
