// The sentences a CalDAV failure becomes never carry the password, the Authorization header or
// the raw text a server or the network layer sent back, whatever that text contains.
import { describe, expect, it } from 'vitest';
import { connectCalDav } from '../../main/core/calendar-sync/caldav-client';
import { CalDavError } from '../../main/core/calendar-sync/sync-types';

const PASSWORD = 'hunter2-Sekret';
// base64 of "alice:hunter2-Sekret", as it would sit in the Authorization header.
const HEADER_SECRET = 'YWxpY2U6aHVudGVyMi1TZWtyZXQ=';

async function failureOf(fetchImpl: typeof fetch, serverUrl = 'https://cal.example.com/'): Promise<CalDavError> {
  const error = await connectCalDav({ serverUrl, user: 'alice', password: PASSWORD }, { fetch: fetchImpl }).then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof CalDavError)) throw new Error(`expected a CalDavError, got ${String(error)}`);
  return error;
}

function everythingSaid(error: CalDavError): string {
  return [error.userMessage, error.message, String(error), error.stack ?? '', JSON.stringify(error)].join('\n');
}

/** A server (or proxy) that echoes the request's credentials in whatever it answers. */
function echoing(status: number): typeof fetch {
  return async (_input, init) => {
    const authorization = new Headers(init?.headers).get('authorization') ?? '';
    return new Response(`<error>${authorization} ${PASSWORD}</error>`, {
      status,
      headers: { 'content-type': 'text/xml' },
    });
  };
}

describe('CalDAV error sentences', () => {
  it.each([
    [
      401,
      'auth',
      'The calendar server refused the user name or password. Check them under Calendar sync in Settings (iCloud and Fastmail need an app-specific password), then connect again.',
    ],
    [
      404,
      'not-found',
      'No CalDAV calendars were found at this address. Check the server URL (for Nextcloud it ends in /remote.php/dav; for iCloud use https://caldav.icloud.com).',
    ],
    [
      503,
      'server',
      'The calendar server had a problem (HTTP 503). Aide tries again on the next sync; if it keeps happening, contact whoever runs the server.',
    ],
  ])('HTTP %i with the credentials echoed back reads as %s, without them', async (status, kind, sentence) => {
    const error = await failureOf(echoing(status));
    expect(error.kind).toBe(kind);
    expect(error.userMessage).toBe(sentence);
    expect(everythingSaid(error)).not.toContain(PASSWORD);
    expect(everythingSaid(error)).not.toContain(HEADER_SECRET);
  });

  it('a network error whose text holds the credentials reads as unreachable, without them', async () => {
    const leaky: typeof fetch = async (_input, init) => {
      const authorization = new Headers(init?.headers).get('authorization');
      throw new TypeError('fetch failed', {
        cause: new Error(`proxy refused request with ${authorization} (${PASSWORD})`),
      });
    };
    const error = await failureOf(leaky);
    expect(error.kind).toBe('unreachable');
    expect(error.userMessage).toBe(
      'Aide could not reach the calendar server cal.example.com. Check the server URL and your internet connection; Aide tries again on the next sync.',
    );
    expect(everythingSaid(error)).not.toContain(PASSWORD);
    expect(everythingSaid(error)).not.toContain(HEADER_SECRET);
  });

  it('a connection dropped while the answer is read reads as unreachable', async () => {
    const dropping: typeof fetch = async () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('<?xml version="1.0"?><multistatus xmlns="DAV:"><resp'));
          controller.error(new TypeError('terminated', { cause: new Error(`other side closed (${PASSWORD})`) }));
        },
      });
      return new Response(body, { status: 207, headers: { 'content-type': 'text/xml' } });
    };
    const error = await failureOf(dropping);
    expect(error.kind).toBe('unreachable');
    expect(everythingSaid(error)).not.toContain(PASSWORD);
  });

  it('a certificate failure reads as tls', async () => {
    const untrusted: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      });
    };
    expect((await failureOf(untrusted)).kind).toBe('tls');
    const electronStyle: typeof fetch = async () => {
      throw new Error('net::ERR_CERT_DATE_INVALID');
    };
    expect((await failureOf(electronStyle)).kind).toBe('tls');
  });

  it('credentials typed into the URL are neither sent in it nor repeated', async () => {
    const asked: string[] = [];
    const refusing: typeof fetch = async (input) => {
      asked.push(String(input));
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    };
    const error = await failureOf(refusing, `https://alice:${PASSWORD}@cal.example.com/dav/`);
    expect(asked[0]).toBe('https://cal.example.com/dav/');
    expect(asked.join(' ')).not.toContain(PASSWORD);
    expect(error.kind).toBe('unreachable');
    expect(everythingSaid(error)).not.toContain(PASSWORD);
  });

  it('an address that is not a web address says how to write one', async () => {
    const neverCalled: typeof fetch = async () => {
      throw new Error('no request expected');
    };
    const error = await failureOf(neverCalled, 'ftp://cal.example.com/');
    expect(error.kind).toBe('unreachable');
    expect(error.userMessage).toBe(
      'The CalDAV server URL is not a web address. Enter it like https://cal.example.com/ and connect again.',
    );
  });
});
