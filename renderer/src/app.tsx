// The window's frame: navigation, app-wide banners, and the screen the user chose.
import { useState } from 'react';
import { ChatView } from './chat/chat-view';
import { ComingSoon } from './components/coming-soon';
import { ConnectionBanner } from './components/connection-banner';
import { NavBar, type View } from './components/nav-bar';
import { Notices } from './components/notices';
import type { Connection } from './connection';
import { SettingsView } from './settings/settings-view';
import { useReconnects } from './use-reconnects';

export function App({ connection }: { connection: Connection }) {
  const [view, setView] = useState<View>('chat');
  const reconnects = useReconnects(connection);
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
        <ChatView hidden={view !== 'chat'} reconnects={reconnects} onOpenSettings={() => setView('settings')} />
        {view === 'reminders' && (
          <ComingSoon name="Reminders" about="Reminders and appointments you set in the chat will be listed here." />
        )}
        {view === 'usage' && <ComingSoon name="Usage" about="Tokens used per day and per model will be shown here." />}
        {view === 'settings' && <SettingsView />}
      </main>
    </div>
  );
}
