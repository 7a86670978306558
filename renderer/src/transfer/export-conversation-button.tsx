// `Export conversation` above the open conversation: a small menu of the two formats, Markdown to
// read and JSON to import again; the file is saved as a download.
import { useState } from 'react';
import { Alert } from '../components/alert';
import { useConversationExport } from './use-conversation-export';

export function ExportConversationButton({ conversationId }: { conversationId: string }) {
  const [open, setOpen] = useState(false);
  const exporting = useConversationExport();
  const save = (format: 'markdown' | 'json') => {
    setOpen(false);
    void exporting.run({ scope: 'conversation', conversationId, format });
  };
  return (
    <div className="export-conversation">
      <button
        type="button"
        className="icon"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={exporting.busy}
        onClick={() => setOpen((was) => !was)}
      >
        Export conversation
      </button>
      {open && (
        <div role="menu" aria-label="Export format" className="export-menu">
          <button type="button" role="menuitem" onClick={() => save('markdown')}>
            Markdown
          </button>
          <button type="button" role="menuitem" onClick={() => save('json')}>
            JSON
          </button>
        </div>
      )}
      <Alert message={exporting.error} />
    </div>
  );
}
