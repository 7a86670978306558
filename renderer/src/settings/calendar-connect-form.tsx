// Logging in to a CalDAV account. The password is only ever in its field until main has it: the
// field is uncontrolled (React would mirror a controlled value into the DOM) and cleared once sent.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useAide } from '../aide-context';
import { SaveButton } from '../components/save-button';
import type { CalendarSync } from './use-calendar-sync';

export function CalendarConnectForm({ sync }: { sync: CalendarSync }) {
  const api = useAide();
  const id = useId();
  const [serverUrl, setServerUrl] = useState('');
  const [user, setUser] = useState('');
  const password = useRef<HTMLInputElement>(null);

  const connect = (event: FormEvent) => {
    event.preventDefault();
    const secret = password.current?.value ?? '';
    if (!serverUrl.trim() || !user.trim() || !secret) {
      sync.action.fail('Enter the server URL, your user name and your password.');
      return;
    }
    if (!/^https?:\/\/\S+$/i.test(serverUrl.trim())) {
      sync.action.fail('Enter the server URL as a web address, like https://cal.example.com/.');
      return;
    }
    void sync
      .change(() => api.connectCalendar({ serverUrl: serverUrl.trim(), user: user.trim(), password: secret }))
      .then((connected) => {
        if (connected && password.current) password.current.value = '';
      });
  };

  return (
    <form onSubmit={connect} className="field-grid" noValidate>
      <div className="field">
        <label htmlFor={`${id}-url`}>CalDAV server URL</label>
        <input
          id={`${id}-url`}
          type="url"
          autoComplete="url"
          spellCheck={false}
          placeholder="https://cloud.example.com/remote.php/dav"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-user`}>User name</label>
        <input
          id={`${id}-user`}
          autoComplete="username"
          spellCheck={false}
          value={user}
          onChange={(e) => setUser(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          ref={password}
          type="password"
          autoComplete="off"
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="field-hint">
          Use an app-specific password where your provider offers one (iCloud requires it). It is checked with the
          server, then kept in the system keychain.
        </p>
      </div>
      <div className="actions">
        <SaveButton busy={sync.action.busy}>Connect</SaveButton>
      </div>
    </form>
  );
}

/** The account from AIDE_CALDAV_*: shown, never editable here. */
export function EnvironmentAccount({ serverUrl, user }: { serverUrl: string; user: string }) {
  const id = useId();
  return (
    <div className="field-grid">
      <p>
        The account comes from the environment (AIDE_CALDAV_URL, AIDE_CALDAV_USER, AIDE_CALDAV_PASSWORD), so it cannot
        be changed here. To change it, change those variables and restart Aide.
      </p>
      <div className="field">
        <label htmlFor={`${id}-url`}>CalDAV server URL</label>
        <input id={`${id}-url`} readOnly value={serverUrl} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-user`}>User name</label>
        <input id={`${id}-user`} readOnly value={user} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input id={`${id}-password`} type="password" readOnly placeholder="from environment" />
      </div>
    </div>
  );
}
