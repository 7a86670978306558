// The window's frame: navigation, app-wide banners, and the screen the user chose.
import { useCallback, useState } from 'react';
import type { KeyStatus } from '../../common/contract';
import { ChatView } from './chat/chat-view';
import { BudgetAlert } from './components/budget-alert';
import { Confirmations } from './components/confirmations';
import { ConnectionBanner } from './components/connection-banner';
import { FiredToasts } from './components/fired-toasts';
import { NavBar, type View } from './components/nav-bar';
import { Notices } from './components/notices';
import type { Connection } from './connection';
import { needsKey } from './onboarding/needs-key';
import { KeyBanner } from './onboarding/onboarding-card';
import { RemindersView } from './reminders/reminders-view';
import { SettingsView } from './settings/settings-view';
import { useSettings } from './settings/use-settings';
import { UsageView } from './usage/usage-view';
import { useReconnects } from './use-reconnects';

interface Props {
  connection: Connection;
  /** Browser mode (no Electron main to show native notifications): the page shows its own. */
  browserMode?: boolean;
}

type Focus = 'apiKey' | 'baseUrl' | null;

export function App({ connection, browserMode = false }: Props) {
  const [view, setView] = useState<View>('chat');
  /** Where the cursor goes when Settings opens from elsewhere (a rejected key, "Use a local model"). */
  const [focus, setFocus] = useState<Focus>(null);
  const reconnects = useReconnects(connection);
  const store = useSettings(reconnects);
  const { update } = store;
  const showChat = useCallback(() => setView('chat'), []);
  const showUsage = useCallback(() => setView('usage'), []);
  const navigate = (next: View) => {
    setFocus(null);
    setView(next);
  };
  const openSettings = useCallback((at?: 'apiKey' | 'baseUrl') => {
    setFocus(at ?? null);
    setView('settings');
  }, []);
  const keySaved = useCallback((key: KeyStatus) => update((known) => ({ ...known, key })), [update]);
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Aide</span>
        <NavBar view={view} onChange={navigate} />
      </header>
      <ConnectionBanner connection={connection} />
      <Notices />
      <BudgetAlert onOpenUsage={showUsage} />
      {(view === 'reminders' || view === 'usage') && needsKey(store.settings) && <KeyBanner onSetUp={showChat} />}
      <main className="content">
        {/* Chat stays mounted while hidden so an answer keeps streaming in the background. */}
        <ChatView
          hidden={view !== 'chat'}
          reconnects={reconnects}
          settings={store.settings}
          onOpenSettings={openSettings}
          onOpenUsage={showUsage}
          onKeySaved={keySaved}
          onReveal={showChat}
        />
        {view === 'reminders' && <RemindersView reconnects={reconnects} browserMode={browserMode} />}
        {view === 'usage' && <UsageView reconnects={reconnects} store={store} />}
        {view === 'settings' && <SettingsView store={store} focus={focus} />}
      </main>
      <FiredToasts browserMode={browserMode} reconnects={reconnects} />
      <Confirmations />
    </div>
  );
}
