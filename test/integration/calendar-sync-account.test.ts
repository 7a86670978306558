// The calendar account through the core's operations against a real Radicale: connect, create,
// choose, sync, disconnect; wrong password, server down and an untrusted certificate each give a
// sentence and save nothing; the password never reaches a file, the log or an event.
import { rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../main/core/secrets/keytar-secret-store';
import { startHarness, type Harness } from '../support/core-harness';
import { dataFiles } from '../support/data-files';
import {
  caldavEnv,
  deleteRaw,
  mkCalendarRaw,
  radicaleForFile,
  selfSignedCertificate,
  startRadicale,
} from '../support/radicale';

const PASSWORD = 'calendar-pw-7f3a9c1e';
const harnesses: Harness[] = [];

const server = radicaleForFile({ user: 'alice', password: PASSWORD });

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
}

/** Every file of the data folder, the log included, as one text. */
async function everything(dataDir: string): Promise<string> {
  const texts: string[] = [];
  for (const entry of await readdir(dataDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    // The search index saves in the background: its temporary file may be renamed away meanwhile.
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    texts.push(text);
  }
  return texts.join('\n');
}

async function keychainPassword(h: Harness, account: string): Promise<string | null> {
  const store = await createKeytarSecretStore(h.service);
  if (store instanceof Error) throw store;
  return store.get(account);
}

const login = () => ({ serverUrl: server.url, user: 'alice', password: PASSWORD });
const keychainAccount = () => `caldav:alice@127.0.0.1:${server.port}`;

describe('an account saved in Settings', () => {
  it('connects, offers to create a calendar, creates and chooses it, syncs, and keeps it after a restart', async () => {
    const h = await harness();
    const connected = await h.core.handlers.connectCalendar(login());
    if (!connected.ok) throw new Error(connected.error);
    expect(connected.status).toMatchObject({
      connected: true,
      source: 'settings',
      serverUrl: server.url,
      user: 'alice',
    });
    // A fresh Radicale account has no calendar at all.
    expect(connected.status.calendars).toEqual([]);
    expect(await keychainPassword(h, keychainAccount())).toBe(PASSWORD);

    const created = await h.core.handlers.createCalendar({ name: 'Aide', components: ['VTODO', 'VEVENT'] });
    if (!created.ok) throw new Error(created.error);
    const aide = created.status.calendars.find((c) => c.name === 'Aide');
    expect(aide?.components.sort()).toEqual(['VEVENT', 'VTODO']);
    // Made for both, so both go there.
    expect(created.status.remindersCalendar).toBe(aide?.url);
    expect(created.status.appointmentsCalendar).toBe(aide?.url);
    // The server has it: another client sees the collection.
    const propfind = await fetch(aide!.url, {
      method: 'PROPFIND',
      headers: { authorization: `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`, depth: '0' },
    });
    expect(propfind.status).toBe(207);

    const before = Date.now();
    const synced = await h.core.handlers.syncCalendarNow();
    expect(synced.state).toBe('idle');
    expect(synced.error).toBeNull();
    expect(Date.parse(synced.lastSyncedAt ?? '')).toBeGreaterThanOrEqual(before - 1_000);

    await h.restart();
    const after = await h.core.handlers.getCalendarSync();
    expect(after).toMatchObject({ connected: true, remindersCalendar: aide?.url, appointmentsCalendar: aide?.url });
    expect(await everything(h.dataDir)).not.toContain(PASSWORD);
    expect(JSON.stringify(h.events)).not.toContain(PASSWORD);
  });

  it('shows other calendars on request, and refuses a calendar that cannot hold reminders', async () => {
    await mkCalendarRaw(server, `${server.homeUrl}family/`, { displayName: 'Family', components: ['VEVENT'] });
    const h = await harness();
    const connected = await h.core.handlers.connectCalendar(login());
    if (!connected.ok) throw new Error(connected.error);
    const family = connected.status.calendars.find((c) => c.name === 'Family')!;
    expect(family.components).toEqual(['VEVENT']);

    const wrong = await h.core.handlers.chooseCalendars({
      remindersCalendar: family.url,
      appointmentsCalendar: null,
      shownCalendars: [],
    });
    expect(wrong).toEqual({ ok: false, error: 'That calendar cannot hold reminders. Choose one that accepts tasks.' });

    const chosen = await h.core.handlers.chooseCalendars({
      remindersCalendar: null,
      appointmentsCalendar: null,
      shownCalendars: [family.url],
    });
    expect(chosen.ok && chosen.status.shownCalendars).toEqual([family.url]);
  });

  it('says which chosen calendar is gone from the server, until another is chosen', async () => {
    const url = `${server.homeUrl}errands/`;
    await mkCalendarRaw(server, url, { displayName: 'Errands', components: ['VTODO'] });
    const h = await harness();
    await h.core.handlers.connectCalendar(login());
    await h.core.handlers.chooseCalendars({ remindersCalendar: url, appointmentsCalendar: null, shownCalendars: [] });
    expect((await h.core.handlers.syncCalendarNow()).state).toBe('idle');

    expect((await deleteRaw(server, url)).status).toBeLessThan(300);
    const failed = await h.core.handlers.syncCalendarNow();
    expect(failed.state).toBe('error');
    expect(failed.error).toContain('“Errands”');
    expect(failed.error).toContain('Choose another calendar');
    expect(h.events.some((e) => e.name === 'calendarSyncChanged' && e.payload.error === failed.error)).toBe(true);

    const fixed = await h.core.handlers.chooseCalendars({
      remindersCalendar: null,
      appointmentsCalendar: null,
      shownCalendars: [],
    });
    expect(fixed.ok && fixed.status.error).toBeNull();
    expect((await h.core.handlers.syncCalendarNow()).state).toBe('idle');
  });

  it('disconnects: the password leaves the keychain and nothing of the account stays', async () => {
    const h = await harness();
    await h.core.handlers.connectCalendar(login());
    const gone = await h.core.handlers.disconnectCalendar();
    expect(gone.ok && gone.status).toMatchObject({ connected: false, serverUrl: null, user: null, calendars: [] });
    expect(await keychainPassword(h, keychainAccount())).toBeNull();
    const file = JSON.parse((await dataFiles(h.dataDir))['calendar-account.json'] ?? '{}') as { account?: unknown };
    expect(file.account).toBeNull();
    await h.restart();
    expect((await h.core.handlers.getCalendarSync()).connected).toBe(false);
  });
});

describe('a login that fails saves nothing and says why', () => {
  async function attempt(request: { serverUrl: string; user: string; password: string }) {
    const h = await harness();
    const before = await dataFiles(h.dataDir);
    const result = await h.core.handlers.connectCalendar(request);
    expect(result.ok).toBe(false);
    expect(await dataFiles(h.dataDir)).toEqual(before);
    expect((await h.core.handlers.getCalendarSync()).connected).toBe(false);
    expect(await everything(h.dataDir)).not.toContain(request.password);
    expect(JSON.stringify(h.events)).not.toContain(request.password);
    return { h, error: result.ok ? '' : result.error };
  }

  it('a wrong password', async () => {
    const { h, error } = await attempt({ ...login(), password: 'not-the-password-42' });
    expect(error).toMatch(/refused the user name or password/);
    expect(await keychainPassword(h, keychainAccount())).toBeNull();
  });

  it('a server that is down', async () => {
    const down = await startRadicale({ user: 'alice', password: PASSWORD });
    await down.dispose();
    const { error } = await attempt({ serverUrl: down.url, user: 'alice', password: PASSWORD });
    expect(error).toContain(`could not reach the calendar server 127.0.0.1:${down.port}`);
    expect(error).not.toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('a certificate the system does not trust', async () => {
    const tls = selfSignedCertificate();
    const secure = await startRadicale({ user: 'alice', password: PASSWORD, tls });
    try {
      const { error } = await attempt({ serverUrl: secure.url, user: 'alice', password: PASSWORD });
      expect(error).toContain('is not trusted');
      expect(error).toContain('did not send your password');
    } finally {
      await secure.dispose();
      rmSync(dirname(tls.keyFile), { recursive: true, force: true });
    }
  });
});

describe('an account from AIDE_CALDAV_*', () => {
  it('is used without being saved, syncs at start, and cannot be changed or disconnected from Settings', async () => {
    const h = await harness({
      env: caldavEnv(server),
    });
    const synced = await h.waitFor('calendarSyncChanged', (s) => s.lastSyncedAt !== null);
    expect(synced).toMatchObject({ connected: true, source: 'environment', user: 'alice', state: 'idle' });

    const other = await h.core.handlers.connectCalendar({ ...login(), user: 'bob' });
    expect(other.ok ? '' : other.error).toContain('environment variables');
    const disconnect = await h.core.handlers.disconnectCalendar();
    expect(disconnect.ok).toBe(false);
    expect(await keychainPassword(h, keychainAccount())).toBeNull();
    expect(await everything(h.dataDir)).not.toContain(PASSWORD);
    expect(JSON.stringify(h.events)).not.toContain(PASSWORD);
  });
});

describe('when it syncs', () => {
  it('every interval, on resume, and not at all without an account', async () => {
    const h = await harness({ calendarSyncMinuteMs: 100 });
    await h.core.handlers.connectCalendar(login());
    await h.core.handlers.setCalendarSyncInterval({ minutes: 2 });
    const syncs = () =>
      h.events.filter((e) => e.name === 'calendarSyncChanged' && e.payload.state === 'syncing').length;
    const start = syncs();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // Every 200 ms for about a second: four to six, never one per event.
    expect(syncs() - start).toBeGreaterThanOrEqual(3);
    expect(syncs() - start).toBeLessThanOrEqual(6);

    await h.core.handlers.setCalendarSyncInterval({ minutes: 1_440 });
    const beforeResume = syncs();
    h.core.resume();
    await h.waitFor('calendarSyncChanged', () => syncs() > beforeResume);

    await h.core.handlers.disconnectCalendar();
    const afterDisconnect = syncs();
    h.core.resume();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(syncs()).toBe(afterDisconnect);
  });
});
