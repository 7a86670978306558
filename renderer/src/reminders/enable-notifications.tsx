// Asks the browser for desktop notifications, offered only while the user has not decided yet.
import { useState } from 'react';
import { notificationApi } from './desktop-notifications';

export function EnableNotifications() {
  const api = notificationApi();
  const [permission, setPermission] = useState(() => api?.permission ?? 'denied');
  if (!api || permission !== 'default') return null;
  return (
    <button
      type="button"
      onClick={() => void api.requestPermission().then(setPermission, () => setPermission(api.permission))}
    >
      Enable desktop notifications
    </button>
  );
}
