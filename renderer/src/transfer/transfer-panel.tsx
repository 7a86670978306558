// `Import conversations` and `Export all`, in the Chat sidebar and in Settings: the file picker,
// a progress bar with `Cancel` while an import runs, its summary in a status line, errors in alerts.
import { useRef } from 'react';
import { Alert } from '../components/alert';
import { useConversationExport } from './use-conversation-export';
import { useConversationImport, type ImportPhase } from './use-conversation-import';

const percent = (done: number, total: number) => (total > 0 ? Math.floor((done / total) * 100) : 0);

function progressText(phase: Exclude<ImportPhase, { kind: 'idle' }>): string {
  if (phase.kind === 'uploading') return `Reading the file… ${percent(phase.done, phase.total)}%`;
  return `Importing… ${phase.imported.toLocaleString('en-US')} so far (${percent(phase.done, phase.total)}%)`;
}

export function TransferPanel() {
  const input = useRef<HTMLInputElement>(null);
  const imports = useConversationImport();
  const exports = useConversationExport();
  const { phase } = imports;
  return (
    <div className="transfer">
      <div className="transfer-buttons">
        <button type="button" disabled={phase.kind !== 'idle'} onClick={() => input.current?.click()}>
          Import conversations
        </button>
        <button type="button" disabled={exports.busy} onClick={() => void exports.run({ scope: 'all' })}>
          Export all
        </button>
      </div>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Conversations export file"
        accept=".zip,.json,application/zip,application/json"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void imports.start(file);
        }}
      />
      {phase.kind !== 'idle' && (
        <div className="transfer-progress">
          <progress
            aria-label="Import progress"
            max={phase.total}
            value={phase.done}
            aria-valuetext={progressText(phase)}
          />
          <span>{progressText(phase)}</span>
          <button type="button" onClick={() => void imports.cancel()}>
            Cancel
          </button>
        </div>
      )}
      {imports.summary && (
        <p role="status" className="transfer-summary">
          {imports.summary}
        </p>
      )}
      {exports.done && !exports.busy && (
        <p role="status" className="transfer-summary">
          {exports.done}
        </p>
      )}
      <Alert message={imports.error} />
      <Alert message={exports.error} />
    </div>
  );
}
