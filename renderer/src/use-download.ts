// Saving what main exports (the calendar, the usage ledger) as a file, the way a browser page can,
// and saying in words when the export failed.
import { saveFile } from './transfer/file-chunks';
import { useActionStatus } from './use-action-status';

interface Exported {
  filename: string;
  content: string;
}

/** Text as a downloaded file. */
function downloadText({ filename, content }: Exported, type: string): void {
  saveFile([content], filename, type);
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
