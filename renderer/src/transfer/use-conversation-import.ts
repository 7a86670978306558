// `Import conversations`: the chosen file goes to core through the shared chunked upload, then
// core imports it in the background. The state a progress bar, `Cancel`, the summary line and an
// alert need.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportSummary } from '../../../common/conversation-transfer-contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';
import { uploadFile } from '../uploads/upload-file';

export type ImportPhase =
  | { kind: 'idle' }
  | { kind: 'uploading'; done: number; total: number }
  | { kind: 'importing'; done: number; total: number; imported: number };

/** The import under way: its upload, then the id core imports it under. */
interface Run {
  upload: AbortController;
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
      const current: Run = { upload: new AbortController(), id: null, cancelled: false };
      run.current = current;
      setSummary(null);
      setError(null);
      try {
        if (file.size === 0) throw new Error('The file is empty.');
        setPhase({ kind: 'uploading', done: 0, total: file.size });
        const uploaded = await uploadFile(api, file, {
          purpose: 'import',
          signal: current.upload.signal,
          onProgress: (done, total) => setPhase({ kind: 'uploading', done, total }),
        });
        const { importId } = await api.importConversations({ fileId: uploaded.fileId });
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
    current.cancelled = true;
    // An import reports what it kept when it stops; an upload had imported nothing yet.
    if (current.id !== null) {
      await api.cancelConversationImport({ importId: current.id });
      return;
    }
    current.upload.abort();
    run.current = null;
    setPhase({ kind: 'idle' });
    setSummary('Import cancelled; nothing was imported.');
  }, [api]);

  return { phase, summary, error, start, cancel };
}
