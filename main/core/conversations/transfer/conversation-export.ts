// Writes exports to a file: one conversation as Markdown or JSON, or every conversation as a .zip
// holding conversations.json in Aide's own format (a list of conversations, as import reads it),
// deflated as it is written (fflate's streaming Zip), one conversation in memory at a time.
import { open, writeFile, type FileHandle } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Zip, ZipDeflate } from 'fflate';
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
export async function writeAllConversations(file: string, source: ExportSource): Promise<number> {
  const handle = await open(file, 'w', 0o600);
  try {
    const out = new ZipWriter(handle);
    const entry = new ZipDeflate('conversations.json', { level: 6 });
    out.zip.add(entry);
    const summaries = source.list().sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    let written = 0;
    entry.push(utf8('[\n'));
    for (const summary of summaries) {
      const conversation = await source.get(summary.id);
      if (!conversation) continue;
      entry.push(utf8(`${written > 0 ? ',\n' : ''}${JSON.stringify(toExported(conversation))}`));
      written += 1;
      await out.flush();
      await nextTurn();
    }
    entry.push(utf8('\n]\n'), true);
    out.zip.end();
    await out.flush();
    out.check();
    return written;
  } finally {
    await handle.close();
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
