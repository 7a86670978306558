// `Import conversations`: the chosen file goes to core in chunks, then core imports it in the
// background. The state a progress bar, `Cancel`, the summary line and an alert need.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportSummary } from '../../../common/conversation-transfer-contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';
import { TRANSFER_CHUNK_BYTES, chunkOf, toBase64 } from './file-chunks';

export type ImportPhase =
  | { kind: 'idle' }
  | { kind: 'uploading'; done: number; total: number }
  | { kind: 'importing'; done: number; total: number; imported: number };

/** The import under way: the id core knows it by (the upload's, then the import's). */
interface Run {
  id: string | null;
  cancelled: boolean;
}

export interface ConversationImport {
  phase: ImportPhase;
  /** "1,204 imported, 3 skipped: …" once an import finished. */
  summary: string | null;
  error: string | null;
  start(file: File): Promise<void>;
  cancel(): Promise<void>;
}

export function useConversationImport(): ConversationImport {
  const api = useAide();
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  const [summary, setSummary] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useRef<Run | null>(null);
  /** Summaries that arrived before their import's id did (a small file is done at once). */
  const early = useRef(new Map<string, ImportSummary>());

  const finish = useCallback((result: ImportSummary) => {
    run.current = null;
    setPhase({ kind: 'idle' });
    setSummary(result.text);
    setError(result.error && `Not all of the file could be imported: ${result.error}`);
  }, []);

  useEffect(() => {
    const offProgress = api.on('conversationImportProgress', (p) => {
      if (run.current?.id !== p.importId) return;
      setPhase({ kind: 'importing', done: p.bytesRead, total: p.totalBytes, imported: p.imported });
    });
    const offFinished = api.on('conversationImportFinished', ({ importId, summary: result }) => {
      if (run.current?.id === importId) finish(result);
      else early.current.set(importId, result);
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [api, finish]);

  const start = useCallback(
    async (file: File) => {
      const current: Run = { id: null, cancelled: false };
      run.current = current;
      setSummary(null);
      setError(null);
      try {
        if (file.size === 0) throw new Error('The file is empty.');
        setPhase({ kind: 'uploading', done: 0, total: file.size });
        const { uploadId } = await api.beginConversationUpload({ size: file.size });
        current.id = uploadId;
        for (let offset = 0; offset < file.size && !current.cancelled; offset += TRANSFER_CHUNK_BYTES) {
          const data = toBase64(await chunkOf(file, offset));
          await api.uploadConversationChunk({ uploadId, offset, data });
          setPhase({ kind: 'uploading', done: Math.min(file.size, offset + TRANSFER_CHUNK_BYTES), total: file.size });
        }
        if (current.cancelled) return;
        const { importId } = await api.importConversations({ uploadId });
        current.id = importId;
        setPhase({ kind: 'importing', done: 0, total: file.size, imported: 0 });
        const done = early.current.get(importId);
        if (done) finish(done);
      } catch (failure) {
        if (current.cancelled) return;
        run.current = null;
        setPhase({ kind: 'idle' });
        setError(`Could not import the conversations: ${errorText(failure)}`);
      }
    },
    [api, finish],
  );

  const cancel = useCallback(async () => {
    const current = run.current;
    if (!current) return;
    const uploading = phase.kind === 'uploading';
    current.cancelled = true;
    if (current.id !== null) await api.cancelConversationTransfer({ id: current.id });
    // An import reports what it kept when it stops; an upload had imported nothing yet.
    if (uploading) {
      run.current = null;
      setPhase({ kind: 'idle' });
      setSummary('Import cancelled; nothing was imported.');
    }
  }, [api, phase.kind]);

  return { phase, summary, error, start, cancel };
}
