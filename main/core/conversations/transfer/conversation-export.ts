// Writes exports to a file: one conversation as Markdown or JSON, or every conversation as a .zip
// holding conversations.json in Aide's own format (a list of conversations, as import reads it),
// deflated as it is written (fflate's streaming Zip), one conversation in memory at a time; then
// each attachment the messages carry as `attachments/<id>` (its details are in the messages).
import { open, writeFile, type FileHandle } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { AttachmentStore } from '../../attachments/attachment-store';
import type { Conversation, ConversationSummary } from '../../../../common/contract';
import { toExported, toMarkdown } from './aide-format';

export interface ExportSource {
  list(): ConversationSummary[];
  get(id: string): Promise<Conversation | null>;
}

export async function writeConversation(
  file: string,
  conversation: Conversation,
  format: 'markdown' | 'json',
): Promise<void> {
  const content =
    format === 'markdown' ? toMarkdown(conversation) : `${JSON.stringify([toExported(conversation)], null, 2)}\n`;
  await writeFile(file, content, { mode: 0o600 });
}

/** Every conversation into a zip at `file`; returns how many were written. */
export async function writeAllConversations(
  file: string,
  source: ExportSource,
  attachments?: Pick<AttachmentStore, 'bytes' | 'get'>,
): Promise<number> {
  const handle = await open(file, 'w', 0o600);
  try {
    const out = new ZipWriter(handle);
    const entry = new ZipDeflate('conversations.json', { level: 6 });
    out.zip.add(entry);
    const summaries = source.list().sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    let written = 0;
    const carried = new Set<string>();
    entry.push(utf8('[\n'));
    for (const summary of summaries) {
      const conversation = await source.get(summary.id);
      if (!conversation) continue;
      entry.push(utf8(`${written > 0 ? ',\n' : ''}${JSON.stringify(toExported(conversation))}`));
      for (const message of conversation.messages) for (const a of message.attachments ?? []) carried.add(a.id);
      written += 1;
      await out.flush();
      await nextTurn();
    }
    entry.push(utf8('\n]\n'), true);
    if (attachments) await writeAttachments(out, carried, attachments);
    out.zip.end();
    await out.flush();
    out.check();
    return written;
  } finally {
    await handle.close();
  }
}

/** One attachment in memory at a time; pictures are stored as they are (already compressed). */
async function writeAttachments(
  out: ZipWriter,
  ids: Set<string>,
  attachments: Pick<AttachmentStore, 'bytes' | 'get'>,
): Promise<void> {
  for (const id of ids) {
    const bytes = await attachments.bytes(id);
    if (!bytes) continue;
    const name = `attachments/${id}`;
    const entry = attachments.get(id)?.kind === 'image' ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    out.zip.add(entry);
    entry.push(bytes, true);
    await out.flush();
    await nextTurn();
  }
}

/** fflate's Zip hands out its bytes synchronously; they are written to the file between conversations. */
class ZipWriter {
  readonly zip: Zip;
  private pending: Uint8Array[] = [];
  private failure: Error | null = null;

  constructor(private readonly handle: FileHandle) {
    this.zip = new Zip((error, data) => {
      if (error) this.failure = error;
      else this.pending.push(data);
    });
  }

  async flush(): Promise<void> {
    const chunks = this.pending;
    this.pending = [];
    for (const chunk of chunks) await this.handle.write(chunk);
  }

  check(): void {
    if (this.failure) throw this.failure;
  }
}

const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array => encoder.encode(text);
