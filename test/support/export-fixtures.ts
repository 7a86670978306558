// Export files as ChatGPT and Claude write them, built by the tests: a ChatGPT conversation whose
// message tree has a regenerated answer (two branches), code, a code-interpreter run with its tool
// output, an image, a hidden system message and unicode; a broken entry and a stray value; and a
// Claude export with tool use and an attached file's text.
import { zipSync, strToU8 } from 'fflate';

/** 2026-03-01T10:00:00Z in seconds, ChatGPT's time format. */
export const T0 = 1_772_359_200;

type Node = { id: string; parent: string | null; children: string[]; message: unknown };

function tree(messages: { id: string; parent: string | null; message: unknown }[]): Record<string, Node> {
  const mapping: Record<string, Node> = {};
  for (const { id, parent, message } of messages) mapping[id] = { id, parent, children: [], message };
  for (const node of Object.values(mapping)) if (node.parent) mapping[node.parent]?.children.push(node.id);
  return mapping;
}

const said = (role: string, at: number, content: unknown, metadata: object = {}, name: string | null = null) => ({
  id: `m-${at}`,
  author: { role, name, metadata: {} },
  create_time: T0 + at,
  content,
  status: 'finished_successfully',
  metadata,
});
const textContent = (...parts: unknown[]) => ({ content_type: 'text', parts });

export function chatGptConversations(): unknown[] {
  const python = {
    title: 'Reversing a list 🐍',
    create_time: T0,
    update_time: T0 + 600,
    conversation_id: 'chatgpt-conv-1',
    current_node: 'n8',
    mapping: tree([
      { id: 'root', parent: null, message: null },
      {
        id: 'n1',
        parent: 'root',
        message: said('system', 1, textContent('You are ChatGPT.'), { is_visually_hidden_from_conversation: true }),
      },
      { id: 'n2', parent: 'n1', message: said('user', 60, textContent('How do I reverse a list in Python?')) },
      {
        id: 'n3-old',
        parent: 'n2',
        message: said('assistant', 90, textContent('An answer that was regenerated.'), { model_slug: 'gpt-4' }),
      },
      {
        id: 'n3',
        parent: 'n2',
        message: said('assistant', 120, textContent('Use slicing:\n\n```python\nxs[::-1]\n```'), {
          model_slug: 'gpt-4o',
        }),
      },
      {
        id: 'n4',
        parent: 'n3',
        message: said('user', 180, {
          content_type: 'multimodal_text',
          parts: [
            { content_type: 'image_asset_pointer', asset_pointer: 'file-service://file-abc123', width: 2, height: 2 },
            'What is in this picture? 日本語で',
          ],
        }),
      },
      {
        id: 'n5',
        parent: 'n4',
        message: said(
          'assistant',
          240,
          { content_type: 'code', language: 'python', text: "print('héllo')" },
          {
            model_slug: 'gpt-4o',
          },
        ),
      },
      {
        id: 'n6',
        parent: 'n5',
        message: said('tool', 241, { content_type: 'execution_output', text: 'héllo' }, {}, 'python'),
      },
      { id: 'n7', parent: 'n6', message: said('assistant', 300, textContent(''), { model_slug: 'gpt-4o' }) },
      {
        id: 'n8',
        parent: 'n7',
        message: said('assistant', 301, textContent('A red square — Ünïcödé ✓'), { model_slug: 'gpt-4o' }),
      },
    ]),
  };
  const broken = {
    title: 'Broken tree',
    create_time: T0 + 1_000,
    conversation_id: 'chatgpt-broken',
    current_node: 'x2',
    mapping: tree([{ id: 'x2', parent: 'gone', message: said('user', 1_000, textContent('orphan')) }]),
  };
  const second = {
    title: 'Second chat',
    create_time: T0 + 2_000,
    update_time: T0 + 2_100,
    conversation_id: 'chatgpt-conv-2',
    current_node: 'b2',
    mapping: tree([
      { id: 'b1', parent: null, message: said('user', 2_000, textContent('Hi')) },
      {
        id: 'b2',
        parent: 'b1',
        message: said('assistant', 2_100, textContent('Hello!'), { model_slug: 'gpt-4o-mini' }),
      },
    ]),
  };
  return [python, broken, 'a stray value', second];
}

export function claudeConversations(): unknown[] {
  return [
    {
      uuid: 'claude-conv-1',
      name: 'Trip to Kyōto',
      created_at: '2026-04-02T08:00:00.000000Z',
      updated_at: '2026-04-02T08:05:00.000000Z',
      chat_messages: [
        {
          uuid: 'c1',
          sender: 'human',
          text: 'Plan a day in Kyōto. Notes attached.',
          content: [{ type: 'text', text: 'Plan a day in Kyōto. Notes attached.' }],
          created_at: '2026-04-02T08:00:00.000000Z',
          attachments: [{ file_name: 'notes.txt', file_size: 12, extracted_content: 'Temples first' }],
          files: [],
        },
        {
          uuid: 'c2',
          sender: 'assistant',
          text: '',
          content: [
            { type: 'tool_use', name: 'web_search', input: { query: 'Kyoto temples' } },
            { type: 'tool_result', content: [{ type: 'text', text: 'Kinkaku-ji, Ginkaku-ji' }] },
            { type: 'text', text: 'Start at **Kinkaku-ji**:\n\n```js\nconsole.log("早上")\n```' },
          ],
          created_at: '2026-04-02T08:05:00.000000Z',
          attachments: [],
          files: [],
        },
      ],
    },
    { uuid: 'claude-empty', name: 'Nothing said', created_at: '2026-04-03T08:00:00Z', chat_messages: [] },
  ];
}

export const asJson = (conversations: unknown[]): Buffer => Buffer.from(JSON.stringify(conversations));

/** A zip as ChatGPT's export is laid out: conversations.json beside other files. */
export function asZip(conversations: unknown[], extra: Record<string, Uint8Array> = {}): Buffer {
  return Buffer.from(
    zipSync({
      'chat.html': strToU8('<html></html>'),
      'conversations.json': strToU8(JSON.stringify(conversations)),
      'user.json': strToU8('{}'),
      ...extra,
    }),
  );
}
