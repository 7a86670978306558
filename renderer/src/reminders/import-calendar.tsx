// `Import calendar`: reads an `.ics` file into the chosen calendars (or this computer), and says
// what came in, what was already there (same UID) and what was skipped, naming each. The file goes
// to main as a chunked upload, so a calendar larger than one WebSocket frame imports too.
import { useRef } from 'react';
import { useAide } from '../aide-context';
import { uploadFile, UploadError } from '../uploads/upload-file';
import { useActionStatus } from '../use-action-status';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function useImportCalendar(onImported: () => void) {
  const api = useAide();
  const input = useRef<HTMLInputElement>(null);
  const status = useActionStatus();
  const skipped = useRef<string[]>([]);

  const read = (file: File) =>
    void status.run(async () => {
      skipped.current = [];
      let fileId: string;
      try {
        ({ fileId } = await uploadFile(api, file, { purpose: 'calendar' }));
      } catch (failure) {
        if (!(failure instanceof UploadError)) throw failure;
        status.fail(failure.message);
        return null;
      }
      const result = await api.importCalendar({ fileId });
      if (!result.ok) {
        status.fail(result.error);
        return null;
      }
      skipped.current = result.skipped;
      onImported();
      const parts = [count(result.imported, 'item imported', 'items imported')];
      if (result.duplicates > 0) parts.push(`${count(result.duplicates, 'was', 'were')} already here`);
      if (result.skipped.length > 0) parts.push(`${result.skipped.length} skipped`);
      return `${parts.join(', ')}.`;
    }, 'Could not import the calendar');

  const picker = (
    <input
      ref={input}
      type="file"
      accept=".ics,text/calendar"
      aria-label="Calendar file"
      hidden
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) read(file);
      }}
    />
  );
  return { status, picker, choose: () => input.current?.click(), skipped: skipped.current };
}

export function ImportSummary({ done, skipped }: { done: string | null; skipped: string[] }) {
  if (!done) return null;
  return (
    <div role="status" className="import-summary">
      <p>{done}</p>
      {skipped.length > 0 && (
        <ul>
          {skipped.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
