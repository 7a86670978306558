// The desktop app's own settings: the global shortcut for quick ask, staying in the tray, and
// starting at login. Browser mode has none of them and says where its quick-ask box is instead.
import { useId, useState, type FormEvent } from 'react';
import { SettingsPatch, type Request, type Settings } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';

interface Props {
  settings: Settings;
  onChange(settings: Settings): void;
}

/** The quick-ask page next to this one, with the same token so it may connect. */
function quickAskHref(): string {
  const params = new URLSearchParams({ view: 'quick-ask' });
  const token = new URLSearchParams(location.search).get('token');
  if (token !== null) params.set('token', token);
  return `?${params}`;
}

export function DesktopSection({ settings, onChange }: Props) {
  return (
    <section className="card" aria-labelledby="desktop-heading">
      <h2 id="desktop-heading">Desktop</h2>
      {settings.desktop.available ? (
        <DesktopControls settings={settings} onChange={onChange} />
      ) : (
        <p>
          Global shortcut and tray are available in the desktop app. In the browser, open{' '}
          <a href={quickAskHref()} target="_blank" rel="noopener">
            /?view=quick-ask
          </a>{' '}
          for the quick-ask box.
        </p>
      )}
    </section>
  );
}

type Toggle = 'runInBackground' | 'startAtLogin';

function DesktopControls({ settings, onChange }: Props) {
  const api = useAide();
  const { desktop } = settings;
  const ids = { shortcut: useId(), background: useId(), login: useId() };
  const [shortcut, setShortcut] = useState(desktop.shortcut);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (patch: Request<'updateSettings'>, saved: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      onChange(await api.updateSettings(patch));
      setDone(saved);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const saveShortcut = (event: FormEvent) => {
    event.preventDefault();
    const patch = SettingsPatch.safeParse({ shortcut });
    if (!patch.success) {
      setInvalid(patch.error.issues[0]?.message ?? 'Enter a shortcut, e.g. CommandOrControl+Shift+Space.');
      return;
    }
    setInvalid(null);
    void save(patch.data, 'Shortcut saved.');
  };

  const toggle = (field: Toggle, checked: boolean) => void save({ [field]: checked }, 'Settings saved.');

  return (
    <>
      {desktop.shortcutProblem && (
        <div role="alert" className="alert">
          <p>{desktop.shortcutProblem}</p>
        </div>
      )}
      {!desktop.shortcutProblem && desktop.shortcutNote && (
        <p role="note" className="hint">
          {desktop.shortcutNote}
        </p>
      )}
      <form onSubmit={saveShortcut} noValidate>
        <div className="field">
          <label htmlFor={ids.shortcut}>Global shortcut</label>
          <div className="inline">
            <input
              id={ids.shortcut}
              spellCheck={false}
              autoComplete="off"
              value={shortcut}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={`${ids.shortcut}-hint`}
              onChange={(e) => setShortcut(e.target.value)}
            />
            <button type="submit" disabled={busy}>
              Save shortcut
            </button>
          </div>
          <p id={`${ids.shortcut}-hint`} className={invalid ? 'field-error' : 'field-hint'}>
            {invalid ?? 'Opens quick ask from any app. Keys joined by "+", e.g. CommandOrControl+Shift+Space.'}
          </p>
        </div>
      </form>
      <div className="field check">
        <input
          id={ids.background}
          type="checkbox"
          checked={desktop.runInBackground}
          disabled={busy}
          onChange={(e) => toggle('runInBackground', e.target.checked)}
        />
        <label htmlFor={ids.background}>Keep running in the tray when the window is closed</label>
      </div>
      <div className="field check">
        <input
          id={ids.login}
          type="checkbox"
          checked={desktop.startAtLogin}
          disabled={busy}
          onChange={(e) => toggle('startAtLogin', e.target.checked)}
        />
        <label htmlFor={ids.login}>Start Aide at login</label>
      </div>
      {error && (
        <div role="alert" className="alert">
          <p>{error}</p>
        </div>
      )}
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
    </>
  );
}
