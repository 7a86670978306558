// The CalDAV client's failures against a real Radicale (and a silent socket), each as the
// sentence the person reads; and the desktop's fetch carrying every request.
import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectCalDav } from '../../main/core/calendar-sync/caldav-client';
import type { CalDavConnection } from '../../main/core/calendar-sync/sync-types';
import { caught, summaryOf, todo } from '../support/caldav-fixtures';
import {
  getIcsRaw,
  mkCalendarRaw,
  putIcsRaw,
  radicaleForFile,
  startRadicale,
  selfSignedCertificate,
} from '../support/radicale';

const PASSWORD = 'correct horse 🐎 bätterie';

const server = radicaleForFile({ user: 'alice', password: PASSWORD });
let connection: CalDavConnection;

beforeAll(async () => {
  connection = await connectCalDav({ serverUrl: server.url, user: 'alice', password: PASSWORD });
  await mkCalendarRaw(server, `${server.homeUrl}errands/`, { displayName: 'Errands', components: ['VTODO'] });
});

describe('the fetch given by the desktop', () => {
  it('carries every request; a first sync costs one REPORT, an incremental one with one change a REPORT and a GET', async () => {
    // The account names a host that does not resolve; only the given fetch knows where it is.
    const port = new URL(server.url).port;
    const methods: string[] = [];
    const routed: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input).replace('//calendar.invalid:', '//127.0.0.1:');
      methods.push(init?.method ?? 'GET');
      return fetch(url, init);
    };
    const viaDesktop = await connectCalDav(
      { serverUrl: `http://calendar.invalid:${port}/`, user: 'alice', password: PASSWORD },
      { fetch: routed },
    );
    const calendar = (await viaDesktop.listCalendars()).find((candidate) => candidate.displayName === 'Errands');
    expect(calendar?.url).toBe(`http://calendar.invalid:${port}/alice/errands/`);
    methods.length = 0;
    const first = await viaDesktop.changesSince(calendar!, null, new Map());
    // Nothing known yet: the objects' text comes with the one REPORT.
    expect(methods).toEqual(['REPORT']);

    const href = `${server.homeUrl}errands/one-change.ics`;
    expect((await putIcsRaw(server, href, todo('one-change', 'Feed the cat'))).status).toBe(201);
    methods.length = 0;
    const known = new Map(first.changed.map((object) => [object.href, object.etag ?? '']));
    const second = await viaDesktop.changesSince(calendar!, first.syncToken, known);
    expect(second.changed.map((object) => [object.href, summaryOf(object.ics)])).toEqual([
      [`http://calendar.invalid:${port}/alice/errands/one-change.ics`, 'Feed the cat'],
    ]);
    expect(methods).toEqual(['REPORT', 'GET']);
  });
});

describe("a server that leaves the objects' text out", () => {
  /** Three tasks in a fresh calendar, and a connection whose requests lose `calendar-data` in `where`. */
  async function textlessSetup(path: string, where: (body: string) => boolean) {
    const url = await mkCalendarRaw(server, `${server.homeUrl}${path}/`, { displayName: path, components: ['VTODO'] });
    for (const uid of ['one', 'two', 'three']) {
      expect((await putIcsRaw(server, `${url}${uid}.ics`, todo(uid, `Task ${uid}`))).status).toBe(201);
    }
    const methods: string[] = [];
    // Some servers ignore calendar-data in a REPORT; this one is made to by asking without it.
    const textless: typeof fetch = (input, init) => {
      methods.push(init?.method ?? 'GET');
      const body =
        typeof init?.body === 'string' && where(init.body)
          ? init.body.replace(/<c:calendar-data\s*\/>/, '')
          : init?.body;
      return fetch(input, { ...init, body });
    };
    const connection = await connectCalDav(
      { serverUrl: server.url, user: 'alice', password: PASSWORD },
      { fetch: textless },
    );
    const calendar = (await connection.listCalendars()).find((candidate) => candidate.url === url);
    methods.length = 0;
    return { url, methods, changes: await connection.changesSince(calendar!, null, new Map()) };
  }

  const expected = (url: string) => [
    [`${url}one.ics`, 'Task one'],
    [`${url}three.ics`, 'Task three'],
    [`${url}two.ics`, 'Task two'],
  ];

  it('of sync-collection: every object still comes back, by one multiget', async () => {
    const { url, methods, changes } = await textlessSetup('textless-sync', (body) => body.includes('sync-collection'));
    expect(changes.changed.map((object) => [object.href, summaryOf(object.ics)]).sort()).toEqual(expected(url));
    expect(methods).toEqual(['REPORT', 'REPORT']);
  });

  it('of multiget too: every object still comes back, one GET each, and none counts as deleted', async () => {
    const { url, methods, changes } = await textlessSetup('textless-all', () => true);
    expect(changes.changed.map((object) => [object.href, summaryOf(object.ics)]).sort()).toEqual(expected(url));
    expect(changes.deleted).toEqual([]);
    expect(methods).toEqual(['REPORT', 'REPORT', 'GET', 'GET', 'GET']);
  });
});

describe('failures, as the person reads them', () => {
  it('a wrong password', async () => {
    const error = await caught(connectCalDav({ serverUrl: server.url, user: 'alice', password: 'not-the-password' }));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.userMessage).toBe(
      'The calendar server refused the user name or password. Check them under Calendar sync in Settings (iCloud and Fastmail need an app-specific password), then connect again.',
    );
  });

  it('a port nobody listens on', async () => {
    const closed = await unusedPort();
    const error = await caught(
      connectCalDav({ serverUrl: `http://127.0.0.1:${closed}/`, user: 'alice', password: PASSWORD }),
    );
    expect(error.kind).toBe('unreachable');
    expect(error.userMessage).toBe(
      `Aide could not reach the calendar server 127.0.0.1:${closed}. Check the server URL and your internet connection; Aide tries again on the next sync.`,
    );
  });

  it('a server that accepts the connection and never answers', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const error = await caught(
        connectCalDav({ serverUrl: silent.url, user: 'alice', password: PASSWORD }, { timeoutMs: 400 }),
      );
      expect(error.kind).toBe('unreachable');
      expect(error.userMessage).toBe(
        `The calendar server ${new URL(silent.url).host} did not answer within 1 second. Check the server URL and your connection; Aide tries again on the next sync.`,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await silent.close();
    }
  });

  it('a server stopped mid-session, then back on the same port', async () => {
    const href = `${server.homeUrl}errands/while-down.ics`;
    await server.stop();
    try {
      expect((await caught(connection.put(href, todo('while-down', 'Written offline'), null))).kind).toBe(
        'unreachable',
      );
    } finally {
      await server.restart();
    }
    await connection.put(href, todo('while-down', 'Written offline'), null);
    expect(summaryOf((await getIcsRaw(server, href)).body)).toBe('Written offline');
  });

  it("a write where the account has no rights (another user's calendar)", async () => {
    const error = await caught(connection.put(`${server.url}bob/calendar/x.ics`, todo('x', 'Not mine'), null));
    expect(error.kind).toBe('forbidden');
    expect(error.userMessage).toBe(
      'The calendar server does not allow this change (the calendar may be read-only or shared with you for reading only). Choose a calendar you can write to.',
    );
  });

  it('an answer that is not XML', async () => {
    const garbling: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method !== 'PROPFIND' || new Headers(init.headers).get('depth') !== '1') return response;
      return new Response('<<<this is not a multistatus', {
        status: 207,
        headers: { 'content-type': 'text/xml; charset=utf-8' },
      });
    };
    const garbled = await connectCalDav(
      { serverUrl: server.url, user: 'alice', password: PASSWORD },
      { fetch: garbling },
    );
    const error = await caught(garbled.listCalendars());
    expect(error.kind).toBe('malformed');
    expect(error.userMessage).toBe(
      'The calendar server sent an answer Aide cannot read. Aide tries again on the next sync; if it keeps happening, check that the server URL points to a CalDAV server.',
    );
  });

  it('a self-signed certificate', async () => {
    const tls = selfSignedCertificate();
    const secure = await startRadicale({ user: 'alice', password: PASSWORD, tls });
    try {
      const error = await caught(connectCalDav({ serverUrl: secure.url, user: 'alice', password: PASSWORD }));
      expect(error.kind).toBe('tls');
      expect(error.userMessage).toBe(
        `The certificate of the calendar server 127.0.0.1:${secure.port} is not trusted (self-signed, expired or issued for another name), so Aide did not send your password. Fix the server's certificate or use the address its certificate is made for.`,
      );
    } finally {
      await secure.dispose();
      rmSync(dirname(tls.keyFile), { recursive: true, force: true });
    }
  });
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Accepts connections and never writes a byte. */
async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const silent: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    },
  };
}
