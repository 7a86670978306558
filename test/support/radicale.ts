// A real CalDAV server for tests: Debian's Radicale 3 on 127.0.0.1 with a free port, a temporary
// storage folder and htpasswd (plain) authentication, plus raw helpers for "another client".
//
// Radicale quirks met (3.1.8):
// - It reads /etc/radicale/config and ~/.config/radicale/config unless `--config ""` is given.
// - A wrong password is answered only after `auth.delay` (1 s by default); tests set it to 0.
// - /.well-known/caldav answers 301 to `/`, even without credentials.
// - The principal collection `/<user>/` is created on the user's first authenticated request and
//   is also the calendar home; a fresh account has no calendar at all (clients must MKCALENDAR).
// - It answers HTTP/1.0 (one connection per request) and rewrites stored `.ics` text (property
//   order), so an object's text is not byte-for-byte what was PUT; the ETag changes with it.
// - A sync-collection REPORT with an unknown token gets 403 with `<valid-sync-token/>`.
// - A PUT whose SUMMARY holds an unescaped comma (invalid TEXT) over an existing object answers 201
//   with the old ETag and keeps the old text: test fixtures escape commas (`\,`) or avoid them.
// - It does not enforce supported-calendar-component-set: a VEVENT PUT into a VTODO-only calendar
//   is stored.
// - A PUT into a missing calendar answers 409 (WebDAV's "parent collection missing").
// - DELETE of a missing object, and PROPFIND of a missing collection, get a plain 404.
// - Rights come from a `from_file` rights file that Radicale reads again on every request, so a
//   test can make a calendar read-only mid-run (`setRights`); current-user-privilege-set follows.
// - A PUT of one VCALENDAR with many components on a collection URL creates the whole calendar.
// - Its sync-collection and calendar-query read every object of the calendar: on a busy machine a
//   one-change sync of a 2,500-object calendar takes about a second (see the benchmark).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { utcStamp } from './ical-text';

export const RADICALE_PATH = process.env.AIDE_RADICALE ?? '/usr/bin/radicale';

export interface RadicaleOptions {
  user: string;
  password: string;
  /** Serve https with this certificate and key (PEM file paths). */
  tls?: { certificateFile: string; keyFile: string };
}

/** Where a raw helper sends its requests, and as whom. */
export interface RawAccount {
  user: string;
  password: string;
}

export interface RadicaleServer extends RawAccount {
  /** Server root, e.g. `http://127.0.0.1:PORT/`. */
  url: string;
  port: number;
  /** The user's principal and calendar home, e.g. `http://127.0.0.1:PORT/alice/`. */
  homeUrl: string;
  storageDir: string;
  /** Stops the server; the storage stays until `dispose()`. Idempotent. */
  stop(): Promise<void>;
  /**
   * Replaces the rights file (Radicale's `from_file` format, read again on every request), e.g. to
   * make one calendar read-only. `OWNER_ONLY_RIGHTS` is what the server starts with.
   */
  setRights(rights: string): void;
  /** Starts it again on the same port and storage (after `stop()`, for "server down" tests). */
  restart(): Promise<void>;
  /** Stops the server and deletes its folder. */
  dispose(): Promise<void>;
}

/** Each user reads the root and owns their principal and the calendars in it (Radicale's `owner_only`). */
export const OWNER_ONLY_RIGHTS = `
[root]
user: .+
collection:
permissions: R

[principal]
user: .+
collection: {user}
permissions: RW

[calendars]
user: .+
collection: {user}/[^/]+
permissions: rw
`;

/** OWNER_ONLY_RIGHTS, except that `user` may only read the calendar `calendarPath` (e.g. `alice/shared`). */
export function readOnlyRights(user: string, calendarPath: string): string {
  return `\n[read-only]\nuser: ${user}\ncollection: ${calendarPath}\npermissions: r\n${OWNER_ONLY_RIGHTS}`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function radicaleArgs(dir: string, port: number, options: RadicaleOptions): string[] {
  const args = [
    '--config',
    '',
    '--server-hosts',
    `127.0.0.1:${port}`,
    '--storage-filesystem-folder',
    join(dir, 'collections'),
    '--auth-type',
    'htpasswd',
    '--auth-htpasswd-filename',
    join(dir, 'users'),
    '--auth-htpasswd-encryption',
    'plain',
    '--auth-delay',
    '0',
    '--rights-type',
    'from_file',
    '--rights-file',
    join(dir, 'rights'),
    '--logging-level',
    'warning',
  ];
  if (options.tls) {
    args.push(
      '--server-ssl',
      'True',
      '--server-certificate',
      options.tls.certificateFile,
      '--server-key',
      options.tls.keyFile,
    );
  }
  return args;
}

/** Polls until the server answers any HTTP status (the TLS variant is checked by the port only). */
async function waitUntilAnswering(child: ChildProcess, url: string, tls: boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`radicale exited (${child.exitCode}): ${output()}`);
    if (tls ? await portOpen(new URL(url).port) : await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`radicale did not answer on ${url} within 15 s: ${output()}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

async function portOpen(port: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startRadicale(options: RadicaleOptions): Promise<RadicaleServer> {
  const dir = mkdtempSync(join(tmpdir(), 'aide-radicale-'));
  writeFileSync(join(dir, 'users'), `${options.user}:${options.password}\n`);
  writeFileSync(join(dir, 'rights'), OWNER_ONLY_RIGHTS);
  const port = await freePort();
  const scheme = options.tls ? 'https' : 'http';
  const url = `${scheme}://127.0.0.1:${port}/`;
  let child: ChildProcess | null = null;

  const launch = async (): Promise<void> => {
    let output = '';
    const started = spawn(RADICALE_PATH, radicaleArgs(dir, port, options), { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    await waitUntilAnswering(started, url, Boolean(options.tls), () => output);
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };

  // A test run that dies before its afterAll must not leave a server behind.
  process.once('exit', () => child?.kill('SIGTERM'));
  await launch();
  return {
    url,
    port,
    homeUrl: `${url}${encodeURIComponent(options.user)}/`,
    storageDir: dir,
    user: options.user,
    password: options.password,
    stop,
    setRights: (rights) => writeFileSync(join(dir, 'rights'), rights),
    restart: async () => {
      await stop();
      await launch();
    },
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One Radicale for a whole test file: started in `beforeAll`, disposed in `afterAll`. The handle is
 * returned at once so the file can hold it in a `const`; its fields may be read from the first hook on.
 */
export function radicaleForFile(options: RadicaleOptions): RadicaleServer {
  let started: RadicaleServer | undefined;
  beforeAll(async () => {
    started = await startRadicale(options);
  });
  afterAll(async () => {
    await started?.dispose();
  });
  const live = (): RadicaleServer => {
    if (!started) throw new Error('the Radicale of this file starts in beforeAll: use it in hooks and tests');
    return started;
  };
  return {
    user: options.user,
    password: options.password,
    get url() {
      return live().url;
    },
    get port() {
      return live().port;
    },
    get homeUrl() {
      return live().homeUrl;
    },
    get storageDir() {
      return live().storageDir;
    },
    stop: () => live().stop(),
    setRights: (rights) => live().setRights(rights),
    restart: () => live().restart(),
    dispose: () => live().dispose(),
  };
}

function authHeader(account: RawAccount): string {
  return `Basic ${Buffer.from(`${account.user}:${account.password}`, 'utf8').toString('base64')}`;
}

export interface MkCalendarOptions {
  displayName: string;
  components: Array<'VTODO' | 'VEVENT'>;
  /** `#rrggbb`, stored as Apple's calendar-color. */
  color?: string;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** MKCALENDAR at `url` (a collection URL ending in `/`); throws unless the server answers 201. */
export async function mkCalendarRaw(account: RawAccount, url: string, options: MkCalendarOptions): Promise<string> {
  const comps = options.components.map((name) => `<C:comp name="${name}"/>`).join('');
  const color = options.color ? `<A:calendar-color>${escapeXml(options.color)}</A:calendar-color>` : '';
  const body =
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/">' +
    `<D:set><D:prop><D:displayname>${escapeXml(options.displayName)}</D:displayname>${color}` +
    `<C:supported-calendar-component-set>${comps}</C:supported-calendar-component-set>` +
    '</D:prop></D:set></C:mkcalendar>';
  const response = await fetch(url, {
    method: 'MKCALENDAR',
    headers: { authorization: authHeader(account), 'content-type': 'application/xml; charset=utf-8' },
    body,
  });
  if (response.status !== 201) throw new Error(`MKCALENDAR ${url} answered ${response.status}`);
  return url;
}

export interface RawResponse {
  status: number;
  etag: string | null;
  body: string;
}

async function rawRequest(
  account: RawAccount,
  method: string,
  url: string,
  init: { body?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const response = await fetch(url, {
    method,
    headers: { authorization: authHeader(account), ...init.headers },
    body: init.body,
  });
  return { status: response.status, etag: response.headers.get('etag'), body: await response.text() };
}

/** PUT of an `.ics` as another client would (no precondition unless given in `headers`). */
export function putIcsRaw(
  account: RawAccount,
  url: string,
  ics: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest(account, 'PUT', url, {
    body: ics,
    headers: { 'content-type': 'text/calendar; charset=utf-8', ...headers },
  });
}

export function getIcsRaw(account: RawAccount, url: string): Promise<RawResponse> {
  return rawRequest(account, 'GET', url);
}

/** DELETE of an object, or of a whole calendar when `url` is a collection. */
export function deleteRaw(account: RawAccount, url: string): Promise<RawResponse> {
  return rawRequest(account, 'DELETE', url);
}

/** Another client edits an object: a new SUMMARY and/or LOCATION, LAST-MODIFIED now, If-Match its ETag. */
export async function editIcsRaw(
  account: RawAccount,
  href: string,
  change: { title?: string; location?: string },
): Promise<void> {
  const current = await getIcsRaw(account, href);
  let text = current.body;
  if (change.title !== undefined) text = text.replace(/^SUMMARY:.*$/m, `SUMMARY:${change.title}`);
  if (change.location !== undefined) text = text.replace(/^LOCATION:.*$/m, `LOCATION:${change.location}`);
  text = text.replace(/^LAST-MODIFIED:.*$/m, `LAST-MODIFIED:${utcStamp(Date.now())}`);
  const put = await putIcsRaw(account, href, text, { 'if-match': current.etag ?? '' });
  if (put.status >= 300) throw new Error(`edit answered ${put.status}`);
}

/** The AIDE_CALDAV_* variables that make the server's user Aide's calendar account. */
export function caldavEnv(server: RadicaleServer) {
  return { AIDE_CALDAV_URL: server.url, AIDE_CALDAV_USER: server.user, AIDE_CALDAV_PASSWORD: server.password };
}

/**
 * Radicale only: a PUT of one VCALENDAR holding many components on a collection URL creates (or
 * replaces) the whole calendar, one object per UID — one request to seed thousands (benchmarks).
 */
export async function putCalendarRaw(account: RawAccount, url: string, ics: string): Promise<number> {
  return (await putIcsRaw(account, url, ics)).status;
}

/** A throw-away self-signed certificate for 127.0.0.1 (openssl), for `startRadicale({ tls })`. */
export function selfSignedCertificate(): { certificateFile: string; keyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aide-tls-'));
  const tls = { certificateFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') };
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'];
  execFileSync('openssl', [...args, '-subj', '/CN=127.0.0.1', '-keyout', tls.keyFile, '-out', tls.certificateFile], {
    stdio: 'ignore',
  });
  return tls;
}
