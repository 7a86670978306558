// Imports an export file into the conversation store, one conversation at a time: each entry is
// recognised (Aide, ChatGPT, Claude), mapped and stored; a malformed one is counted with its
// reason and the rest goes on; one already imported is not stored again. Cancelling keeps what
// was imported; the event loop gets a turn between conversations. A zip's attachment files are
// read first (export-files.ts), so each conversation is stored with its pictures and documents.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AttachmentStore } from '../../attachments/attachment-store';
import type { ConversationStore } from '../conversation-store';
import { fromAide, isAide } from './aide-format';
import { fromChatGpt, isChatGpt } from './chatgpt-format';
import { fromClaude, isClaude } from './claude-format';
import { collectExportFiles, noExportFiles, removeExportFiles, type ExportFiles } from './export-files';
import type { ImportLedger } from './import-ledger';
import { storeAttachments } from './import-attachments';
import { skip, type Mapped } from './imported-conversation';
import { UnreadableExportError } from './json-array-elements';
import { readExport } from './read-export';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  imported: number;
  skipped: number;
}

export interface ImportSummary {
  imported: number;
  /** Already imported before (or, for Aide's own export, already here). */
  duplicates: number;
  skipped: number;
  /** Why entries were skipped, most frequent first. */
  reasons: { reason: string; count: number }[];
  cancelled: boolean;
  /** Why the file could not be read on, in words; what came before it stays imported. */
  error: string | null;
}

export interface ImportContext {
  store: Pick<ConversationStore, 'add' | 'summary'>;
  ledger: ImportLedger;
  now: () => Date;
  signal: AbortSignal;
  onProgress: (progress: ImportProgress) => void;
  /** Where the files an export carries are stored; without it, none are read. */
  attachments?: { store: AttachmentStore; tempDir: string };
}

export function mapEntry(raw: unknown, now: string, files: ExportFiles = noExportFiles()): Mapped {
  if (isAide(raw)) return fromAide(raw);
  if (isChatGpt(raw)) return fromChatGpt(raw, now, (id) => files.chatgpt.has(id));
  if (isClaude(raw)) return fromClaude(raw, now);
  return skip('not a conversation from ChatGPT, Claude or Aide');
}

export async function importFile(file: string, context: ImportContext): Promise<ImportSummary> {
  const { signal, onProgress } = context;
  const counts = { imported: 0, duplicates: 0, skipped: 0 };
  const reasons = new Map<string, number>();
  let position = { bytesRead: 0, totalBytes: 0 };
  const report = () => onProgress({ ...position, imported: counts.imported, skipped: counts.skipped });
  let error: string | null = null;
  const filesDir = context.attachments && join(context.attachments.tempDir, `import-${randomUUID()}`);
  try {
    // A zip is read twice (its files first, then its conversations): progress covers both passes.
    let zipped = false;
    const firstPass = (bytesRead: number, size: number) => {
      zipped = true;
      position = { bytesRead, totalBytes: 2 * size };
      report();
    };
    const files = filesDir ? await collectExportFiles(file, filesDir, signal, firstPass) : noExportFiles();
    const entries = readExport(file, {
      onBytes: (read, size) =>
        (position = zipped ? { bytesRead: size + read, totalBytes: 2 * size } : { bytesRead: read, totalBytes: size }),
    });
    for await (const entry of entries) {
      if (signal.aborted) break;
      const outcome = entry.kind === 'skipped' ? entry : await store(entry.value, context, files);
      if (outcome.kind === 'skipped') {
        counts.skipped += 1;
        reasons.set(outcome.reason, (reasons.get(outcome.reason) ?? 0) + 1);
      } else counts[outcome.kind] += 1;
      report();
      await nextTurn();
    }
  } catch (failure) {
    error = failure instanceof UnreadableExportError ? failure.message : couldNotImport(failure);
  } finally {
    if (filesDir) await removeExportFiles(filesDir);
  }
  report();
  return {
    ...counts,
    reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    cancelled: signal.aborted,
    error,
  };
}

type Outcome = { kind: 'imported' | 'duplicates' } | { kind: 'skipped'; reason: string };

async function store(raw: unknown, context: ImportContext, files: ExportFiles): Promise<Outcome> {
  const { store, ledger, now, attachments } = context;
  const mapped = mapEntry(raw, now().toISOString(), files);
  if (!mapped.ok) return { kind: 'skipped', reason: mapped.reason };
  const { conversation } = mapped;
  const earlier = await ledger.conversationOf(conversation.source);
  if ((earlier && store.summary(earlier)) || (conversation.id && store.summary(conversation.id)))
    return { kind: 'duplicates' };
  const kept = attachments ? await storeAttachments(conversation, files, attachments.store) : null;
  const summary = await store.add(kept ? { ...conversation, messages: kept.messages } : conversation);
  if (kept) attachments!.store.reference(summary.id, kept.ids);
  await ledger.record(conversation.source, summary.id);
  return { kind: 'imported' };
}

function couldNotImport(failure: unknown): string {
  const code = (failure as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC') return 'The disk is full; the rest of the file was not imported.';
  return 'Aide could not read the rest of the file.';
}

/** "1,204 imported, 3 skipped: no messages (2), nested too deeply (1). 5 were already here." */
export function summaryText(summary: ImportSummary): string {
  const n = (count: number) => count.toLocaleString('en-US');
  let text = `${n(summary.imported)} imported`;
  if (summary.skipped > 0)
    text += `, ${n(summary.skipped)} skipped: ${summary.reasons.map((r) => `${r.reason} (${n(r.count)})`).join(', ')}`;
  text += '.';
  if (summary.duplicates > 0)
    text += ` ${n(summary.duplicates)} ${summary.duplicates === 1 ? 'was' : 'were'} already here.`;
  if (summary.cancelled) text += ' Import cancelled; what was imported stays.';
  if (summary.error) text += ` ${summary.error}`;
  return text;
}
