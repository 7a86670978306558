// The desktop app's own settings: the global shortcut for quick ask, staying in the tray, and
// starting at login. Browser mode has none of them and says where its quick-ask box is instead.
import { useId, useState, type FormEvent } from 'react';
import { SettingsPatch, type Settings } from '../../../common/contract';
import { Alert } from '../components/alert';
import { FieldNote, noteProps } from '../components/field-note';
import { SaveResult } from '../components/save-result';
import { usePatch } from './use-patch';
import { SaveButton } from '../components/save-button';

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

const toggles: { field: Toggle; label: string }[] = [
  { field: 'runInBackground', label: 'Keep running in the tray when the window is closed' },
  { field: 'startAtLogin', label: 'Start Aide at login' },
];

function DesktopControls({ settings, onChange }: Props) {
  const { desktop } = settings;
  const ids = { shortcut: useId(), runInBackground: useId(), startAtLogin: useId() };
  const [shortcut, setShortcut] = useState(desktop.shortcut);
  const [invalid, setInvalid] = useState<string | null>(null);
  const patch = usePatch(onChange);

  const saveShortcut = (event: FormEvent) => {
    event.preventDefault();
    const parsed = SettingsPatch.safeParse({ shortcut });
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? 'Enter a shortcut, e.g. CommandOrControl+Shift+Space.');
      return;
    }
    setInvalid(null);
    void patch.save(parsed.data, 'Shortcut saved.');
  };

  const toggle = (field: Toggle, checked: boolean) => void patch.save({ [field]: checked }, 'Settings saved.');

  return (
    <>
      <Alert message={desktop.shortcutProblem} />
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
              {...noteProps(ids.shortcut, invalid)}
              onChange={(e) => setShortcut(e.target.value)}
            />
            <SaveButton busy={patch.busy} plain>
              Save shortcut
            </SaveButton>
          </div>
          <FieldNote
            fieldId={ids.shortcut}
            invalid={invalid}
            hint='Opens quick ask from any app. Keys joined by "+", e.g. CommandOrControl+Shift+Space.'
          />
        </div>
      </form>
      {toggles.map(({ field, label }) => (
        <div className="field check" key={field}>
          <input
            id={ids[field]}
            type="checkbox"
            checked={desktop[field]}
            disabled={patch.busy}
            onChange={(e) => toggle(field, e.target.checked)}
          />
          <label htmlFor={ids[field]}>{label}</label>
        </div>
      ))}
      <SaveResult status={patch} />
    </>
  );
}
