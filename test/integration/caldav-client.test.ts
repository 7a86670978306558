// The CalDAV client against a real Radicale: discovery, calendars, objects with preconditions,
// and incremental changes as another client makes them.
import { beforeAll, describe, expect, it } from 'vitest';
import { connectCalDav } from '../../main/core/calendar-sync/caldav-client';
import type { CalDavConnection, RemoteCalendar } from '../../main/core/calendar-sync/sync-types';
import { caught, summaryOf, todo } from '../support/caldav-fixtures';
import {
  deleteRaw,
  getIcsRaw,
  mkCalendarRaw,
  OWNER_ONLY_RIGHTS,
  putIcsRaw,
  readOnlyRights,
  radicaleForFile,
} from '../support/radicale';

// Non-ASCII on purpose: Basic authentication must carry it as UTF-8.
const PASSWORD = 'correct horse 🐎 bätterie';

const server = radicaleForFile({ user: 'alice', password: PASSWORD });
let connection: CalDavConnection;

function byName(calendars: RemoteCalendar[]): RemoteCalendar[] {
  return [...calendars].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

beforeAll(async () => {
  // Any authenticated request makes Radicale create the principal; the client's own discovery does.
  connection = await connectCalDav({ serverUrl: server.url, user: 'alice', password: PASSWORD });
  await mkCalendarRaw(server, `${server.homeUrl}errands/`, {
    displayName: 'Errands',
    components: ['VTODO'],
    color: '#FF8800FF',
  });
  await mkCalendarRaw(server, `${server.homeUrl}work/`, {
    displayName: 'Work',
    components: ['VEVENT'],
    color: '#1e90ff',
  });
});

describe('discovery and calendars', () => {
  it('lists the calendars with their components, names and colours, found from the server root', async () => {
    const calendars = byName(await connection.listCalendars());
    expect(calendars.map(({ ctag: _ctag, ...rest }) => rest)).toEqual([
      {
        url: `${server.homeUrl}errands/`,
        displayName: 'Errands',
        color: '#ff8800',
        components: ['VTODO'],
        readOnly: false,
        supportsSyncCollection: true,
      },
      {
        url: `${server.homeUrl}work/`,
        displayName: 'Work',
        color: '#1e90ff',
        components: ['VEVENT'],
        readOnly: false,
        supportsSyncCollection: true,
      },
    ]);
    expect(calendars[0]!.ctag).toMatch(/^".+"$/);
  });

  it('finds the same calendars from a calendar URL and from the principal URL', async () => {
    for (const serverUrl of [`${server.homeUrl}work/`, server.homeUrl]) {
      const deep = await connectCalDav({ serverUrl, user: 'alice', password: PASSWORD });
      expect(byName(await deep.listCalendars()).map((calendar) => calendar.displayName)).toEqual(['Errands', 'Work']);
    }
  });

  it('finds them through /.well-known/caldav from an address that is no CalDAV resource', async () => {
    const requested: string[] = [];
    const recording: typeof fetch = (input, init) => {
      requested.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const typed = `${server.url}calendar/help.html`;
    const found = await connectCalDav({ serverUrl: typed, user: 'alice', password: PASSWORD }, { fetch: recording });
    expect(byName(await found.listCalendars()).map((calendar) => calendar.displayName)).toEqual(['Errands', 'Work']);
    expect(requested).toContain('PROPFIND /.well-known/caldav');
  });

  it('creates a calendar for reminders and one for appointments', async () => {
    const reminders = await connection.createCalendar('Aide reminders', ['VTODO']);
    const appointments = await connection.createCalendar('Aide appointments', ['VEVENT']);
    expect(reminders).toMatchObject({
      displayName: 'Aide reminders',
      components: ['VTODO'],
      readOnly: false,
      supportsSyncCollection: true,
    });
    expect(appointments).toMatchObject({ displayName: 'Aide appointments', components: ['VEVENT'] });
    expect(reminders.url.startsWith(server.homeUrl) && reminders.url.endsWith('/')).toBe(true);
    const listed = (await connection.listCalendars()).map(
      (calendar) => `${calendar.displayName}:${calendar.components.join('+')}`,
    );
    expect(listed.sort()).toEqual(['Aide appointments:VEVENT', 'Aide reminders:VTODO', 'Errands:VTODO', 'Work:VEVENT']);
  });
});

describe('a calendar shared for reading only', () => {
  it('is listed as read-only, and writing into it is refused as forbidden', async () => {
    await mkCalendarRaw(server, `${server.homeUrl}holidays/`, { displayName: 'Holidays', components: ['VEVENT'] });
    server.setRights(readOnlyRights('alice', 'alice/holidays'));
    try {
      const holidays = (await connection.listCalendars()).find((calendar) => calendar.displayName === 'Holidays');
      expect(holidays).toMatchObject({ url: `${server.homeUrl}holidays/`, readOnly: true, components: ['VEVENT'] });
      const error = await caught(connection.put(`${server.homeUrl}holidays/mine.ics`, todo('mine', 'Mine'), null));
      expect(error.kind).toBe('forbidden');
    } finally {
      server.setRights(OWNER_ONLY_RIGHTS);
    }
  });
});

describe('objects', () => {
  it('creates with If-None-Match, and a second create of the same href is a conflict', async () => {
    const href = `${server.homeUrl}errands/create-twice.ics`;
    const created = await connection.put(href, todo('create-twice', 'Buy milk'), null);
    expect(created.etag).toMatch(/^".+"$/);
    expect(summaryOf((await getIcsRaw(server, href)).body)).toBe('Buy milk');

    const error = await caught(connection.put(href, todo('create-twice', 'Buy oat milk'), null));
    expect(error.kind).toBe('conflict');
    expect(error.status).toBe(412);
    expect(summaryOf((await getIcsRaw(server, href)).body)).toBe('Buy milk');
  });

  it('replaces with the right ETag; a stale ETag is a conflict and leaves the server copy alone', async () => {
    const href = `${server.homeUrl}errands/replace.ics`;
    const first = await connection.put(href, todo('replace', 'Call mom'), null);
    const second = await connection.put(href, todo('replace', 'Call mom at 5'), first.etag);
    expect(second.etag).not.toBe(first.etag);

    const error = await caught(connection.put(href, todo('replace', 'Call dad'), first.etag));
    expect(error.kind).toBe('conflict');
    expect(error.status).toBe(412);
    const onServer = await getIcsRaw(server, href);
    expect(summaryOf(onServer.body)).toBe('Call mom at 5');
    expect(onServer.etag).toBe(second.etag);
  });

  it('gets an object with its ETag, and null once it is gone', async () => {
    const href = `${server.homeUrl}errands/get.ics`;
    const { etag } = await connection.put(href, todo('get', 'Water plants'), null);
    const object = await connection.get(href);
    expect(object?.href).toBe(href);
    expect(object?.etag).toBe(etag);
    expect(summaryOf(object?.ics ?? '')).toBe('Water plants');
    expect(await connection.get(`${server.homeUrl}errands/never-there.ics`)).toBeNull();
  });

  it('removes with the ETag; a stale ETag is a conflict; a missing object counts as removed', async () => {
    const href = `${server.homeUrl}errands/remove.ics`;
    const first = await connection.put(href, todo('remove', 'Pay rent'), null);
    const second = await connection.put(href, todo('remove', 'Pay rent today'), first.etag);

    expect((await caught(connection.remove(href, first.etag))).kind).toBe('conflict');
    expect((await getIcsRaw(server, href)).status).toBe(200);

    await connection.remove(href, second.etag);
    expect((await getIcsRaw(server, href)).status).toBe(404);
    await expect(connection.remove(href, second.etag)).resolves.toBeUndefined();
    await expect(connection.remove(`${server.homeUrl}errands/never-there.ics`, null)).resolves.toBeUndefined();
  });
});

describe('changes since the last sync', () => {
  /** A fresh calendar holding `a` and `b`, written by another client. */
  async function calendarWithTwo(path: string): Promise<{ calendar: RemoteCalendar; a: string; b: string }> {
    const url = await mkCalendarRaw(server, `${server.homeUrl}${path}/`, { displayName: path, components: ['VTODO'] });
    const a = `${url}a.ics`;
    const b = `${url}b.ics`;
    expect((await putIcsRaw(server, a, todo('a', 'Alpha'))).status).toBe(201);
    expect((await putIcsRaw(server, b, todo('b', 'Bravo'))).status).toBe(201);
    const calendar = (await connection.listCalendars()).find((candidate) => candidate.url === url);
    if (!calendar) throw new Error(`calendar ${url} not listed`);
    return { calendar, a, b };
  }

  function etags(objects: Array<{ href: string; etag: string | null }>): Map<string, string> {
    return new Map(objects.map((object) => [object.href, object.etag ?? '']));
  }

  it('lists everything first, then only what another client put and deleted, with a new token', async () => {
    const { calendar, a, b } = await calendarWithTwo('sync-token');
    const first = await connection.changesSince(calendar, null, new Map());
    expect(first.full).toBe(true);
    expect(first.deleted).toEqual([]);
    expect(first.changed.map((object) => [object.href, summaryOf(object.ics)]).sort()).toEqual([
      [a, 'Alpha'],
      [b, 'Bravo'],
    ]);
    expect(first.syncToken).toMatch(/^http:\/\/radicale\.org\/ns\/sync\/.+/);

    const c = `${calendar.url}c.ics`;
    expect((await putIcsRaw(server, c, todo('c', 'Charlie'))).status).toBe(201);
    expect((await deleteRaw(server, b)).status).toBe(200);
    const second = await connection.changesSince(calendar, first.syncToken, etags(first.changed));
    expect(second.full).toBe(false);
    expect(second.changed.map((object) => [object.href, summaryOf(object.ics)])).toEqual([[c, 'Charlie']]);
    expect(second.deleted).toEqual([b]);
    expect(second.syncToken).not.toBe(first.syncToken);
    expect(second.syncToken).toMatch(/^http:\/\/radicale\.org\/ns\/sync\/.+/);

    const third = await connection.changesSince(
      calendar,
      second.syncToken,
      etags([...first.changed, ...second.changed]),
    );
    expect(third).toMatchObject({ changed: [], deleted: [], full: false, syncToken: second.syncToken });
  });

  it('falls back to a full listing when the server does not know the token', async () => {
    const { calendar, a, b } = await calendarWithTwo('bogus-token');
    const gone = `${calendar.url}deleted-long-ago.ics`;
    const known = new Map([[gone, '"old"']]);
    const changes = await connection.changesSince(calendar, 'http://radicale.org/ns/sync/not-a-token', known);
    expect(changes.full).toBe(true);
    expect(changes.changed.map((object) => object.href).sort()).toEqual([a, b]);
    expect(changes.deleted).toEqual([gone]);
    expect(changes.syncToken).toMatch(/^http:\/\/radicale\.org\/ns\/sync\/.+/);
  });

  it('without sync-collection, compares the ctag and fetches only objects whose ETag changed', async () => {
    const { calendar: listed, a, b } = await calendarWithTwo('ctag-only');
    const calendar: RemoteCalendar = { ...listed, supportsSyncCollection: false, ctag: null };
    const first = await connection.changesSince(calendar, null, new Map());
    expect(first.full).toBe(true);
    expect(first.syncToken).toBeNull();
    expect(first.changed.map((object) => object.href).sort()).toEqual([a, b]);

    const unchanged = await connection.changesSince({ ...calendar, ctag: first.ctag }, null, etags(first.changed));
    expect(unchanged).toMatchObject({ changed: [], deleted: [], full: false, ctag: first.ctag });

    expect((await putIcsRaw(server, a, todo('a', 'Alpha edited'))).status).toBe(201);
    expect((await deleteRaw(server, b)).status).toBe(200);
    const after = await connection.changesSince({ ...calendar, ctag: first.ctag }, null, etags(first.changed));
    expect(after.full).toBe(true);
    expect(after.changed.map((object) => [object.href, summaryOf(object.ics)])).toEqual([[a, 'Alpha edited']]);
    expect(after.deleted).toEqual([b]);
    expect(after.ctag).not.toBe(first.ctag);
  });

  it("hands back an href in the caller's spelling, however the server encodes it", async () => {
    const { calendar } = await calendarWithTwo('spelling');
    const href = `${calendar.url}meet@home.ics`;
    const { etag } = await connection.put(href, todo('meet@home', 'Meet at home'), null);
    const first = await connection.changesSince(calendar, null, new Map([[href, etag ?? '']]));
    expect(first.deleted).toEqual([]);
    expect(first.changed.map((object) => object.href)).not.toContain(href);

    expect((await putIcsRaw(server, href, todo('meet@home', 'Meet at the cafe'))).status).toBe(201);
    const second = await connection.changesSince(calendar, first.syncToken, new Map([[href, etag ?? '']]));
    expect(second.changed.map((object) => [object.href, summaryOf(object.ics)])).toEqual([[href, 'Meet at the cafe']]);
    expect(second.deleted).toEqual([]);
  });

  it('says which calendar is gone when it was deleted on the server', async () => {
    const { calendar } = await calendarWithTwo('deleted-elsewhere');
    expect((await deleteRaw(server, calendar.url)).status).toBe(200);
    for (const attempt of [calendar, { ...calendar, supportsSyncCollection: false }]) {
      const error = await caught(connection.changesSince(attempt, null, new Map()));
      expect(error.kind).toBe('not-found');
      expect(error.userMessage).toBe(
        'The calendar "deleted-elsewhere" is gone from the server (deleted on another device?). Choose another calendar under Calendar sync in Settings.',
      );
    }
    const putError = await caught(connection.put(`${calendar.url}new.ics`, todo('new', 'New'), null));
    expect(putError.kind).toBe('not-found');
  });
});
