import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelOf, operationNames, type EventName, type EventPayload } from '../../common/contract';
import type { EventListener, Handlers } from '../../main/core/core-types';
import type { AppLocation } from '../../main/app-location';
import {
  registerIpc,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
  type WebContentsLike,
} from '../../main/ipc';
import { createDispatch } from '../../main/core/dispatch';
import { recordingLogger } from './electron-fakes';

type Listener = Parameters<IpcMainLike['handle']>[1];

class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.listeners.has(channel)) throw new Error(`second handler for ${channel}`);
    this.listeners.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, payload: unknown): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, payload);
  }
}

class FakeWebContents implements WebContentsLike {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  constructor(
    readonly id: number,
    public url: string,
  ) {}
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
}

const rootDir = '/opt/Aide/resources/app.asar/out/renderer';
const appUrl = 'app://aide/index.html';
const appLocation: AppLocation = { kind: 'app', rootDir };

const mainFrame = (url: string): FrameLike => ({ url, parent: null });
const eventFrom = (sender: WebContentsLike, frame: FrameLike | null): InvokeEventLike => ({
  sender,
  senderFrame: frame,
});

function setUp(location: AppLocation = appLocation, url = appUrl) {
  const ipcMain = new FakeIpcMain();
  const handlers = Object.fromEntries(operationNames.map((name) => [name, vi.fn(async () => `result of ${name}`)]));
  let emit: EventListener = () => undefined;
  const unsubscribe = vi.fn();
  const core = {
    // Stand-in handlers answer with strings, so responses are not checked against the contract here.
    dispatch: createDispatch(handlers as unknown as Handlers, { checkResponses: false }),
    onEvent: (listener: EventListener) => {
      emit = listener;
      return unsubscribe;
    },
  };
  const window = new FakeWebContents(1, url);
  const windows: FakeWebContents[] = [window];
  const logger = recordingLogger();
  const dispose = registerIpc({ ipcMain, core, windows: () => windows, location, logger });
  const emitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => emit(name, payload);
  return { ipcMain, handlers, window, windows, logger, dispose, unsubscribe, emitEvent };
}

describe('registerIpc', () => {
  let ctx: ReturnType<typeof setUp>;
  beforeEach(() => {
    ctx = setUp();
  });

  it('registers one handler per contract operation and nothing else', () => {
    expect([...ctx.ipcMain.listeners.keys()].sort()).toEqual(operationNames.map(channelOf).sort());
  });

  it('passes a parsed payload from our window to the handler and returns its result', async () => {
    const event = eventFrom(ctx.window, mainFrame(appUrl));
    const result = await ctx.ipcMain.invoke(channelOf('renameConversation'), event, {
      id: 'c1',
      title: '  Trip  ',
      injected: 'dropped',
    });
    expect(result).toBe('result of renameConversation');
    expect(ctx.handlers.renameConversation).toHaveBeenCalledWith({ id: 'c1', title: 'Trip' });
  });

  it('accepts operations without a payload and app URLs with a query or hash', async () => {
    const event = eventFrom(ctx.window, mainFrame(`${appUrl}?view=quick-ask#top`));
    await expect(ctx.ipcMain.invoke(channelOf('getSettings'), event, undefined)).resolves.toBe('result of getSettings');
    expect(ctx.handlers.getSettings).toHaveBeenCalledTimes(1);
  });

  it('refuses a malformed payload before the handler sees it and never logs the payload', async () => {
    const event = eventFrom(ctx.window, mainFrame(appUrl));
    await expect(
      ctx.ipcMain.invoke(channelOf('saveKey'), event, { key: 42, note: 'sk-do-not-log-me' }),
    ).rejects.toThrow('Invalid request for saveKey');
    await expect(ctx.ipcMain.invoke(channelOf('getConversation'), event, 'sk-do-not-log-me')).rejects.toThrow(
      'Invalid request for getConversation',
    );
    await expect(ctx.ipcMain.invoke(channelOf('getSettings'), event, { sneaky: true })).rejects.toThrow(
      'Invalid request for getSettings',
    );
    expect(ctx.handlers.saveKey).not.toHaveBeenCalled();
    expect(ctx.handlers.getConversation).not.toHaveBeenCalled();
    expect(ctx.handlers.getSettings).not.toHaveBeenCalled();
    expect(ctx.logger.entries).toHaveLength(3);
    expect(ctx.logger.entries[0]).toMatchObject({
      level: 'warn',
      fields: { operation: 'saveKey', reason: 'invalid payload' },
    });
    expect(JSON.stringify(ctx.logger.entries)).not.toContain('sk-do-not-log-me');
  });

  it.each([
    [
      'a webContents that is not one of our windows',
      () => eventFrom(new FakeWebContents(99, appUrl), mainFrame(appUrl)),
      'unknown window',
    ],
    [
      'a subframe of our window',
      () => eventFrom(ctx.window, { url: appUrl, parent: mainFrame(appUrl) }),
      'not a main frame',
    ],
    ['a frame that is gone', () => eventFrom(ctx.window, null), 'sender frame is gone'],
    ['a foreign web origin', () => eventFrom(ctx.window, mainFrame('https://evil.example/')), 'foreign origin'],
    ['a local file', () => eventFrom(ctx.window, mainFrame('file:///tmp/evil.html')), 'foreign origin'],
    [
      'our own built index.html over file://',
      () => eventFrom(ctx.window, mainFrame(`file://${rootDir}/index.html`)),
      'foreign origin',
    ],
    ['another app:// host', () => eventFrom(ctx.window, mainFrame('app://other/index.html')), 'foreign origin'],
    ['a dev server URL in a build', () => eventFrom(ctx.window, mainFrame('http://localhost:5173/')), 'foreign origin'],
  ])('refuses %s without calling the handler', async (_label, makeEvent, reason) => {
    await expect(
      ctx.ipcMain.invoke(channelOf('saveKey'), makeEvent(), { key: 'sk-valid-looking-key' }),
    ).rejects.toThrow(`Refused saveKey: ${reason}`);
    expect(ctx.handlers.saveKey).not.toHaveBeenCalled();
    expect(ctx.logger.entries).toEqual([
      { level: 'warn', message: 'IPC request refused', fields: { operation: 'saveKey', reason } },
    ]);
  });

  it('accepts the dev server origin only when running from it', async () => {
    const dev = setUp({ kind: 'dev', url: 'http://localhost:5173/' }, 'http://localhost:5173/');
    const ok = eventFrom(dev.window, mainFrame('http://localhost:5173/?view=quick-ask'));
    await expect(dev.ipcMain.invoke(channelOf('listConversations'), ok, undefined)).resolves.toBe(
      'result of listConversations',
    );
    const otherPort = eventFrom(dev.window, mainFrame('http://localhost:5174/'));
    await expect(dev.ipcMain.invoke(channelOf('listConversations'), otherPort, undefined)).rejects.toThrow(
      'foreign origin',
    );
    expect(dev.handlers.listConversations).toHaveBeenCalledTimes(1);
  });

  it('forwards core events to every live window showing the app', () => {
    const second = new FakeWebContents(2, appUrl);
    const destroyed = Object.assign(new FakeWebContents(3, appUrl), { destroyed: true });
    const navigatedAway = new FakeWebContents(4, 'https://evil.example/');
    const onAFile = new FakeWebContents(5, `file://${rootDir}/index.html`);
    ctx.windows.push(second, destroyed, navigatedAway, onAFile);
    const payload = { conversationId: 'c1', messageId: 'm1', text: 'Hel' };
    ctx.emitEvent('chatDelta', payload);
    for (const contents of [ctx.window, second]) {
      expect(contents.sent).toEqual([{ channel: channelOf('chatDelta'), payload }]);
    }
    expect(destroyed.sent).toEqual([]);
    expect(navigatedAway.sent).toEqual([]);
    expect(onAFile.sent).toEqual([]);
  });

  it('removes every handler and the event subscription when disposed', () => {
    ctx.dispose();
    expect(ctx.ipcMain.listeners.size).toBe(0);
    expect(ctx.unsubscribe).toHaveBeenCalledTimes(1);
  });
});
