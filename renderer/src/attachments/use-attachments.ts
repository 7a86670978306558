// The composer's attachments: each file is uploaded in chunks as soon as it is added (Attach,
// paste, drop), then stored as an attachment; the chips show progress, a removal cancels an
// upload still on its way, and what went wrong is kept as one sentence for the alert.
import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_ATTACHMENTS, type Attachment } from '../../../common/attachment-contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';
import { uploadFile } from '../uploads/upload-file';

export interface PendingAttachment {
  key: number;
  name: string;
  size: number;
  /** Share of the file sent so far, 0 to 1. */
  progress: number;
  /** Set once main stored it. */
  attachment: Attachment | null;
}

export interface ComposerAttachments {
  items: PendingAttachment[];
  /** True while any file is still on its way. */
  busy: boolean;
  error: string | null;
  add(files: readonly File[]): void;
  remove(key: number): void;
  /** The stored attachments' ids, in the order added. */
  ids(): string[];
  /** After sending: the chips go, the files stay stored with the message. */
  clear(): void;
}

export function useAttachments(): ComposerAttachments {
  const api = useAide();
  const [items, setItems] = useState<PendingAttachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const nextKey = useRef(0);
  const uploads = useRef(new Map<number, AbortController>());
  const count = useRef(0);
  count.current = items.length;

  useEffect(() => {
    const running = uploads.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const update = useCallback((key: number, change: Partial<PendingAttachment>) => {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const upload = useCallback(
    async (key: number, file: File, controller: AbortController) => {
      try {
        const uploaded = await uploadFile(api, file, {
          signal: controller.signal,
          onProgress: (sent, total) => update(key, { progress: total === 0 ? 1 : sent / total }),
        });
        const added = await api.addAttachment({ fileId: uploaded.fileId });
        if (!added.ok) throw new Error(added.error);
        if (!controller.signal.aborted) update(key, { attachment: added.attachment, progress: 1 });
      } catch (failure) {
        if (controller.signal.aborted) return;
        setItems((list) => list.filter((item) => item.key !== key));
        setError(errorText(failure));
      } finally {
        uploads.current.delete(key);
      }
    },
    [api, update],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      setError(null);
      const room = MAX_ATTACHMENTS - count.current;
      if (files.length > room) setError(`A message can carry ${MAX_ATTACHMENTS} files at most.`);
      for (const file of files.slice(0, Math.max(0, room))) {
        const key = nextKey.current++;
        const controller = new AbortController();
        uploads.current.set(key, controller);
        count.current += 1;
        setItems((list) => [
          ...list,
          { key, name: file.name || 'pasted picture', size: file.size, progress: 0, attachment: null },
        ]);
        void upload(key, file, controller);
      }
    },
    [upload],
  );

  const remove = useCallback((key: number) => {
    uploads.current.get(key)?.abort();
    setItems((list) => list.filter((item) => item.key !== key));
  }, []);

  const ids = useCallback(() => items.flatMap((item) => (item.attachment ? [item.attachment.id] : [])), [items]);
  const clear = useCallback(() => {
    setItems([]);
    setError(null);
  }, []);

  return { items, busy: items.some((item) => !item.attachment), error, add, remove, ids, clear };
}
