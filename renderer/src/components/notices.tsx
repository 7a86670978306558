// Things main noticed while starting (a settings file moved aside, no keychain…), until the user dismisses them.
import { useEffect, useState } from 'react';
import { useAide } from '../aide-context';

interface Notice {
  id: number;
  text: string;
}

export function Notices() {
  const api = useAide();
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => {
    let live = true;
    api.getNotices().then(
      (texts) => live && setNotices(texts.map((text, id) => ({ id, text }))),
      // Notices are a courtesy; failing to fetch them must not stop the app.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div key={notice.id} role="status" className="notice">
          <p>{notice.text}</p>
          <button
            type="button"
            className="icon"
            aria-label="Dismiss notice"
            onClick={() => setNotices((all) => all.filter((n) => n.id !== notice.id))}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
