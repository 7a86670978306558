import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { channelOf, eventNames, operationNames, type AideApi } from '../../common/contract';
import * as restated from '../../preload/contract-names';

const electron = vi.hoisted(() => {
  type Listener = (event: unknown, payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, payload: unknown) => ({ channel, payload })),
    on: vi.fn((channel: string, listener: Listener) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
      return ipcRenderer;
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    }),
    send: vi.fn(),
    sendSync: vi.fn(),
  };
  const exposed: Array<{ key: string; api: unknown }> = [];
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed.push({ key, api });
    }),
  };
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer, ports: [] }, payload);
  };
  return { ipcRenderer, contextBridge, exposed, listeners, emit };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

await import('../../preload/index');

const aide = (): AideApi => {
  const entry = electron.exposed[0];
  if (!entry) throw new Error('nothing was exposed');
  return entry.api as AideApi;
};

describe('preload', () => {
  it('exposes exactly one object, window.aide', () => {
    expect(electron.exposed.map((entry) => entry.key)).toEqual(['aide']);
  });

  it('offers one function per operation plus `on`, and nothing of ipcRenderer', () => {
    const api = aide() as unknown as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...operationNames, 'on'].sort());
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer);
    }
    for (const name of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'removeListener'])
      expect(api).not.toHaveProperty(name);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes each operation on its own channel with the payload', async () => {
    await expect(aide().renameConversation({ id: 'c1', title: 'Trip' })).resolves.toEqual({
      channel: channelOf('renameConversation'),
      payload: { id: 'c1', title: 'Trip' },
    });
    await aide().getSettings();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(channelOf('getSettings'), undefined);
  });

  it('delivers event payloads without the IPC event and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = aide().on('chatDelta', listener);
    const payload = { conversationId: 'c1', messageId: 'm1', text: 'Hi' };
    electron.emit(channelOf('chatDelta'), payload);
    expect(listener).toHaveBeenCalledWith(payload);
    expect(listener.mock.calls[0]).toHaveLength(1);

    unsubscribe();
    electron.emit(channelOf('chatDelta'), payload);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(electron.listeners.get(channelOf('chatDelta'))?.size).toBe(0);
  });

  it('refuses to subscribe to a channel that is not a contract event', () => {
    const on = aide().on as (event: string, listener: () => void) => () => void;
    expect(() => on('getSettings', () => undefined)).toThrow('Unknown Aide event');
    expect(() => on('ELECTRON_BROWSER_WINDOW_CLOSE', () => undefined)).toThrow('Unknown Aide event');
  });
});

describe('preload build constraints', () => {
  it('builds into one CommonJS file that requires only electron and carries every operation name', () => {
    const built = new URL('../../out/preload/index.cjs', import.meta.url);
    if (!existsSync(built)) throw new Error('out/preload/index.cjs is missing: run `npm run build` first (npm test does).');
    const code = readFileSync(built, 'utf8');
    expect([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1])).toEqual(['electron']);
    for (const name of operationNames) expect(code).toContain(`"${name}"`);
    expect(code).not.toContain('__AIDE_OPERATION_NAMES__');
  });

  const preloadDir = new URL('../../preload/', import.meta.url);

  it('gets exactly the contract names and channels, put in at build time', () => {
    expect(restated.operationNames).toEqual(operationNames);
    for (const name of [...operationNames, ...eventNames]) expect(restated.channelOf(name)).toBe(channelOf(name));
    for (const name of eventNames) expect(restated.isEventName(name)).toBe(true);
    for (const name of [...operationNames, 'toString', '__proto__', 42]) expect(restated.isEventName(name)).toBe(false);
  });

  it("imports at run time nothing but 'electron' and its own files, as a sandboxed preload must", () => {
    for (const file of readdirSync(preloadDir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, preloadDir), 'utf8');
      const runtimeImports = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)].map(
        (match) => match[1],
      );
      for (const specifier of runtimeImports)
        expect(specifier === 'electron' || specifier?.startsWith('./'), `${file}: ${specifier}`).toBe(true);
    }
  });
});
