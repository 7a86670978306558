// Which conversations came from which export entry ("chatgpt:<id>" → the conversation made of
// it), one JSON line per import, so importing the same export again skips what is already here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineAppender } from '../../storage/line-appender';
import { own, text } from './raw-fields';

export class ImportLedger {
  private readonly file: string;
  private readonly lines = new LineAppender();
  private loaded: Promise<Map<string, string>> | null = null;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'conversation-imports.jsonl');
  }

  /** The conversation made of `source`, if it was imported before. */
  async conversationOf(source: string): Promise<string | null> {
    return (await this.load()).get(source) ?? null;
  }

  async record(source: string, conversationId: string): Promise<void> {
    const known = await this.load();
    await this.lines.append(this.file, JSON.stringify({ source, conversationId }));
    known.set(source, conversationId);
  }

  private load(): Promise<Map<string, string>> {
    this.loaded ??= readFile(this.file, 'utf8').then(parseLedger, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return new Map<string, string>();
      throw error;
    });
    return this.loaded;
  }
}

/** A torn or damaged line is left out: at worst that conversation is imported once more. */
function parseLedger(content: string): Map<string, string> {
  const known = new Map<string, string>();
  for (const line of content.split('\n')) {
    try {
      const entry: unknown = JSON.parse(line);
      const source = text(own(entry, 'source'));
      const id = text(own(entry, 'conversationId'));
      if (source && id) known.set(source, id);
    } catch {
      // Skipped, as said above.
    }
  }
  return known;
}
