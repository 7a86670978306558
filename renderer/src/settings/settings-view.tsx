// The Settings screen: the API key, the server and model to use, and the desktop app's options.
import { useEffect, useState } from 'react';
import type { Settings } from '../../../common/contract';
import { useAide } from '../aide-context';
import { errorText } from '../error-text';
import { DesktopSection } from './desktop-section';
import { KeySection } from './key-section';
import { ModelSection } from './model-section';

export function SettingsView() {
  const api = useAide();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const off = api.on('settingsChanged', setSettings);
    api.getSettings().then(
      (first) => live && setSettings(first),
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  return (
    <section className="settings" aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      {error && (
        <div role="alert" className="alert">
          <p>Could not load the settings: {error}</p>
        </div>
      )}
      {!settings && !error && <p className="empty">Loading…</p>}
      {settings && (
        <>
          <KeySection status={settings.key} onChange={(key) => setSettings((known) => known && { ...known, key })} />
          <ModelSection settings={settings} onChange={setSettings} />
          <DesktopSection settings={settings} onChange={setSettings} />
        </>
      )}
    </section>
  );
}
