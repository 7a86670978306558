// `Export conversation` and `Export all`: core writes the export, the window reads it back in
// chunks and saves it as a file; a failure is a sentence for an alert.
import type { AideApi, Request } from '../../../common/contract';
import { useAide } from '../aide-context';
import { useActionStatus } from '../use-action-status';
import { fromBase64, saveFile } from './file-chunks';

export async function downloadExport(api: AideApi, request: Request<'exportConversations'>): Promise<string> {
  const { exportId, filename, mimeType } = await api.exportConversations(request);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await api.readConversationExport({ exportId, offset });
    const bytes = fromBase64(chunk.data);
    parts.push(bytes);
    offset += bytes.length;
    if (chunk.done) break;
  }
  saveFile(parts, filename, mimeType);
  return filename;
}

export interface ExportAction {
  busy: boolean;
  error: string | null;
  done: string | null;
  run(request: Request<'exportConversations'>): Promise<void>;
}

export function useConversationExport(): ExportAction {
  const api = useAide();
  const status = useActionStatus();
  const run = (request: Request<'exportConversations'>) =>
    status.run(
      async () => `Saved ${await downloadExport(api, request)}.`,
      request.scope === 'all' ? 'Could not export the conversations' : 'Could not export the conversation',
    );
  return { busy: status.busy, error: status.error, done: status.done, run };
}
