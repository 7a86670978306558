// Browser mode's own desktop notifications (Electron's main shows native ones instead).

/** The page's Notification API, when this browser has one. */
export function notificationApi(): typeof Notification | null {
  return typeof globalThis.Notification === 'function' ? globalThis.Notification : null;
}

/** Shows a desktop notification if the user allowed them; clicking it brings Aide to the front. */
export function notify(title: string, body: string): void {
  const api = notificationApi();
  if (!api || api.permission !== 'granted') return;
  try {
    const note = new api(title, { body, tag: `aide-${title}` });
    note.onclick = () => {
      window.focus();
      note.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the in-app toast still shows.
  }
}
