// The app's main navigation between its screens.
export type View = 'chat' | 'reminders' | 'usage' | 'settings';

const items: { view: View; label: string }[] = [
  { view: 'chat', label: 'Chat' },
  { view: 'reminders', label: 'Reminders' },
  { view: 'usage', label: 'Usage' },
  { view: 'settings', label: 'Settings' },
];

export function NavBar({ view, onChange }: { view: View; onChange(view: View): void }) {
  return (
    <nav className="nav" aria-label="Main">
      {items.map((item) => (
        <button
          key={item.view}
          type="button"
          aria-current={item.view === view ? 'page' : undefined}
          onClick={() => onChange(item.view)}
        >
          {item.label}
        </button>
      ))}
    </nav>
  );
}
