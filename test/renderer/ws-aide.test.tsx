import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AideApi } from '../../common/contract';
import { getAide } from '../../renderer/src/aide';
import { createWsAide } from '../../renderer/src/ws-aide';

/** Just enough of a browser WebSocket for the client: events in, sent frames recorded. */
class FakeSocket extends EventTarget {
  readonly sent: unknown[] = [];
  constructor(readonly url: string) {
    super();
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  open(): void {
    this.dispatchEvent(new Event('open'));
  }
  receive(message: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  drop(): void {
    this.dispatchEvent(new Event('close'));
  }
}

function connect() {
  const sockets: FakeSocket[] = [];
  const client = createWsAide({
    url: 'ws://127.0.0.1:5000/aide-ws?token=t',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    backoff: () => 1000,
  });
  const socket = (n = sockets.length - 1): FakeSocket => {
    const found = sockets[n];
    if (!found) throw new Error(`no socket ${n}`);
    return found;
  };
  return { ...client, sockets, socket };
}

const summary = { id: 'c1', title: 'Hi', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  delete (globalThis as { aide?: AideApi }).aide;
});

describe('window.aide over a WebSocket', () => {
  it('queues calls until the socket opens, then resolves them with the result', async () => {
    const { api, connection, socket } = connect();
    expect(connection.get()).toBe('connecting');

    const answer = api.createConversation();
    expect(socket().sent).toEqual([]);
    socket().open();

    expect(connection.get()).toBe('open');
    expect(socket().sent).toEqual([{ type: 'call', id: 0, op: 'createConversation' }]);
    socket().receive({ type: 'result', id: 0, ok: true, value: summary });
    await expect(answer).resolves.toEqual(summary);
  });

  it('sends the payload and rejects with the error main reported', async () => {
    const { api, socket } = connect();
    socket().open();

    const answer = api.renameConversation({ id: 'c1', title: 'New title' });
    expect(socket().sent).toEqual([
      { type: 'call', id: 0, op: 'renameConversation', payload: { id: 'c1', title: 'New title' } },
    ]);
    socket().receive({ type: 'result', id: 0, ok: false, error: 'No such conversation' });
    await expect(answer).rejects.toThrow('No such conversation');
  });

  it('rejects an answer that does not fit the contract', async () => {
    const { api, socket } = connect();
    socket().open();

    const answer = api.listConversations();
    socket().receive({ type: 'result', id: 0, ok: true, value: [{ id: 1 }] });
    await expect(answer).rejects.toThrow('Unexpected answer to listConversations');
  });

  it('delivers events to listeners until they unsubscribe, and ignores malformed ones', () => {
    const { api, socket } = connect();
    socket().open();
    const seen: string[] = [];
    const off = api.on('chatDelta', (p) => seen.push(p.text));

    socket().receive({ type: 'event', name: 'chatDelta', payload: { conversationId: 'c', messageId: 'm', text: 'a' } });
    socket().receive({ type: 'event', name: 'chatDelta', payload: { text: 42 } });
    socket().receive('not even an object');
    off();
    socket().receive({ type: 'event', name: 'chatDelta', payload: { conversationId: 'c', messageId: 'm', text: 'b' } });

    expect(seen).toEqual(['a']);
  });

  it('fails calls in flight when the socket drops, reconnects, and sends calls made meanwhile', async () => {
    vi.useFakeTimers();
    const { api, connection, sockets, socket } = connect();
    socket().open();
    const states: string[] = [];
    connection.subscribe(() => states.push(connection.get()));

    const lost = api.getNotices();
    socket().drop();
    await expect(lost).rejects.toThrow('Connection to Aide lost');
    expect(connection.get()).toBe('reconnecting');

    const later = api.getNotices();
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    socket(1).open();
    expect(socket(1).sent).toEqual([{ type: 'call', id: 1, op: 'getNotices' }]);
    socket(1).receive({ type: 'result', id: 1, ok: true, value: ['hello'] });
    await expect(later).resolves.toEqual(['hello']);
    expect(states).toEqual(['reconnecting', 'open']);
  });
});

describe('getAide', () => {
  it('uses the preload bridge when Electron provides one', () => {
    const bridged = { marker: true } as unknown as AideApi;
    (globalThis as { aide?: AideApi }).aide = bridged;

    expect(getAide().api).toBe(bridged);
    expect(getAide().connection.get()).toBe('open');
  });

  it('otherwise connects to this page’s server with the token from the address', () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'WebSocket',
      class extends FakeSocket {
        constructor(url: string) {
          super(url);
          urls.push(url);
        }
      },
    );
    history.replaceState(null, '', '/?token=a%2Bb');

    getAide();

    expect(urls).toEqual([`ws://${location.host}/aide-ws?token=a%2Bb`]);
  });
});
