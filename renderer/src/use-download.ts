// Saving what main exports (the calendar, the usage ledger) as a file, the way a browser page can,
// and saying in words when the export failed.
import { useActionStatus } from './use-action-status';

interface Exported {
  filename: string;
  content: string;
}

/** Text as a downloaded file: a Blob behind an object URL and an <a download>. */
function downloadText({ filename, content }: Exported, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking right after click can cancel the download in some engines; let it start first.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export interface Download {
  busy: boolean;
  /** "Could not export the calendar: …" */
  error: string | null;
  download(): Promise<void>;
}

/** `what` names the export in its error ("the calendar"); `type` is the file's MIME type. */
export function useDownload(what: string, type: string, exported: () => Promise<Exported>): Download {
  const status = useActionStatus();
  const download = () =>
    status.run(async () => {
      downloadText(await exported(), type);
      return null;
    }, `Could not export ${what}`);
  return { busy: status.busy, error: status.error, download };
}
