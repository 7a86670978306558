// The conversations.json inside an export's .zip, inflated as the zip streams past (fflate's
// streaming Unzip), with the limits that keep a crafted zip harmless: how many entries, how much
// inflated data in all, and how far it may outgrow what was read (a zip bomb). Entry names are
// only compared, never used as paths.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { UnreadableExportError } from './json-array-elements';

export interface ZipLimits {
  maxEntries: number;
  /** Inflated bytes of the entries read, in all. */
  maxInflatedBytes: number;
  /** Inflated bytes per byte read from the zip, beyond the first `ratioGrace` bytes. */
  maxRatio: number;
  ratioGrace: number;
}

export const defaultZipLimits: ZipLimits = {
  maxEntries: 100_000,
  maxInflatedBytes: 8 * 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioGrace: 16 * 1024 * 1024,
};

/** Zip files start with a local file header's signature. */
export const isZip = (start: Uint8Array): boolean =>
  start.length >= 4 && start[0] === 0x50 && start[1] === 0x4b && start[2] === 0x03 && start[3] === 0x04;

/** The entry names whose data is read: conversations.json at the top, or in one folder. */
export function isConversationsEntry(name: string): boolean {
  if (name.includes('..') || name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  const parts = name.split('/');
  return parts.length <= 2 && parts.at(-1) === 'conversations.json' && parts.every((part) => part !== '');
}

export class ZipConversations {
  private readonly unzip = new Unzip();
  private entries = 0;
  private read = 0;
  private inflated = 0;
  private found = false;
  private failure: Error | null = null;

  /** `onData` gets conversations.json's bytes as they inflate. */
  constructor(
    private readonly onData: (chunk: Uint8Array) => void,
    private readonly limits: ZipLimits = defaultZipLimits,
  ) {
    this.unzip.register(UnzipInflate);
    this.unzip.onfile = (file) => this.onFile(file);
  }

  push(chunk: Uint8Array, final = false): void {
    this.read += chunk.length;
    try {
      this.unzip.push(chunk, final);
    } catch (error) {
      this.failure ??=
        error instanceof UnreadableExportError ? error : new UnreadableExportError('The zip file is damaged.');
    }
    if (this.failure) throw this.failure;
    if (final && !this.found) throw new UnreadableExportError('The zip file holds no conversations.json.');
  }

  private onFile(file: UnzipFile): void {
    if (++this.entries > this.limits.maxEntries) return this.fail('The zip file holds too many files.');
    if (!isConversationsEntry(file.name)) return;
    if (this.found) return;
    if (file.compression !== 0 && file.compression !== 8)
      return this.fail('The zip file uses a compression Aide cannot read.');
    if ((file.originalSize ?? 0) > this.limits.maxInflatedBytes)
      return this.fail('The zip file is too large to import.');
    this.found = true;
    file.ondata = (error, data) => {
      if (this.failure) return;
      if (error) return this.fail('The zip file is damaged.');
      this.inflated += data.length;
      if (this.inflated > this.limits.maxInflatedBytes) return this.fail('The zip file is too large to import.');
      if (this.inflated > this.limits.ratioGrace + this.read * this.limits.maxRatio) {
        return this.fail('The zip file expands far beyond its size (a zip bomb?) and was not imported.');
      }
      try {
        this.onData(data);
      } catch (failure) {
        this.failure = failure instanceof Error ? failure : new UnreadableExportError('The file could not be read.');
        file.terminate();
      }
    };
    file.start();
  }

  private fail(message: string): void {
    this.failure ??= new UnreadableExportError(message);
  }
}
