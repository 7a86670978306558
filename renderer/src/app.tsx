// The window's frame: navigation, app-wide banners, and the screen the user chose.
import { useCallback, useState } from 'react';
import { ChatView } from './chat/chat-view';
import { ComingSoon } from './components/coming-soon';
import { Confirmations } from './components/confirmations';
import { ConnectionBanner } from './components/connection-banner';
import { FiredToasts } from './components/fired-toasts';
import { NavBar, type View } from './components/nav-bar';
import { Notices } from './components/notices';
import type { Connection } from './connection';
import { RemindersView } from './reminders/reminders-view';
import { SettingsView } from './settings/settings-view';
import { useReconnects } from './use-reconnects';

interface Props {
  connection: Connection;
  /** Browser mode (no Electron main to show native notifications): the page shows its own. */
  browserMode?: boolean;
}

export function App({ connection, browserMode = false }: Props) {
  const [view, setView] = useState<View>('chat');
  const reconnects = useReconnects(connection);
  const showChat = useCallback(() => setView('chat'), []);
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Aide</span>
        <NavBar view={view} onChange={setView} />
      </header>
      <ConnectionBanner connection={connection} />
      <Notices />
      <main className="content">
        {/* Chat stays mounted while hidden so an answer keeps streaming in the background. */}
        <ChatView
          hidden={view !== 'chat'}
          reconnects={reconnects}
          onOpenSettings={() => setView('settings')}
          onReveal={showChat}
        />
        {view === 'reminders' && <RemindersView reconnects={reconnects} browserMode={browserMode} />}
        {view === 'usage' && <ComingSoon name="Usage" about="Tokens used per day and per model will be shown here." />}
        {view === 'settings' && <SettingsView />}
      </main>
      <FiredToasts browserMode={browserMode} reconnects={reconnects} />
      <Confirmations />
    </div>
  );
}
