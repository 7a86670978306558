// The Settings screen: the API key and its rotation, the server and model, rate limits, prices,
// the desktop app's options and calendar sync.
import { useEffect } from 'react';
import { CalendarSyncSection } from './calendar-sync-section';
import { DesktopSection } from './desktop-section';
import { KeySection } from './key-section';
import { LimitsSection } from './limits-section';
import { ModelSection } from './model-section';
import { PricesSection } from './prices-section';
import { VisionSection } from './vision-section';
import { TransferPanel } from '../transfer/transfer-panel';
import type { SettingsStore } from './use-settings';

interface Props {
  store: SettingsStore;
  /** A field to put the cursor in on arrival ("Use a local model instead" → Base URL). */
  focus?: 'apiKey' | 'baseUrl' | null;
}

export function SettingsView({ store, focus = null }: Props) {
  const { settings, error, refresh, set, update } = store;

  // Events may have been missed while the screen was away; what main has now is what counts.
  useEffect(() => {
    void refresh();
  }, [refresh]);

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
          <KeySection
            settings={settings}
            focusKey={focus === 'apiKey'}
            onKeyChange={(key) => update((known) => ({ ...known, key }))}
            onChange={set}
          />
          <ModelSection settings={settings} onChange={set} focusBaseUrl={focus === 'baseUrl'} />
          <LimitsSection settings={settings} onChange={set} />
          <PricesSection />
          <VisionSection />
          <DesktopSection settings={settings} onChange={set} />
          <CalendarSyncSection />
          <section className="card" aria-labelledby="conversations-transfer-heading">
            <h2 id="conversations-transfer-heading">Conversations</h2>
            <p>
              Bring conversations in from ChatGPT or Claude (their export’s .zip or conversations.json), or save all of
              yours as a .zip.
            </p>
            <TransferPanel />
          </section>
        </>
      )}
    </section>
  );
}
