import { createRequire } from 'node:module';
import { describe as group, expect, it } from 'vitest';
import type { FiredItem } from '../../common/contract';
import {
  createNativeNotifier,
  type ActivationLike,
  type NotificationLike,
  type NotificationOptions,
} from '../../main/native-notifier';

// A real XML parser (@xmldom/xmldom, installed with electron-builder) reads the toast as Windows would.
const { DOMParser } = createRequire(import.meta.url)('@xmldom/xmldom') as {
  DOMParser: new () => { parseFromString(xml: string, type: string): XmlNode };
};
interface XmlNode {
  documentElement: XmlElement;
}
interface XmlElement {
  getAttribute(name: string): string;
  getElementsByTagName(name: string): ArrayLike<XmlElement & { textContent: string }>;
}

class FakeNotification implements NotificationLike {
  shown = false;
  private listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  constructor(readonly options: NotificationOptions) {}
  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as (...args: unknown[]) => void]);
    return this;
  }
  show() {
    this.shown = true;
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

const item = (id: string, title: string, missed = false, kind: FiredItem['kind'] = 'reminder'): FiredItem => ({
  kind,
  id,
  title,
  at: '2026-11-27T17:00:00+01:00',
  missed,
});

function setup(platform: NodeJS.Platform = 'darwin') {
  const created: FakeNotification[] = [];
  const actions: [string, string[]][] = [];
  const dismissed: { kind: string; id: string }[][] = [];
  let opened = 0;
  let activate: ((details: ActivationLike) => void) | null = null;
  const notifier = createNativeNotifier({
    platform,
    handleActivation: (callback) => {
      activate = callback;
    },
    isSupported: () => true,
    create: (options) => {
      const n = new FakeNotification(options);
      created.push(n);
      return n;
    },
    onAction: (action, ids) => actions.push([action, ids]),
    onDismiss: (items) => dismissed.push(items),
    onOpen: () => opened++,
    formatTime: () => 'Fri 17:00',
  });
  return {
    notifier,
    created,
    actions,
    dismissed,
    opened: () => opened,
    activate: (details: ActivationLike) => activate?.(details),
  };
}

group('native notifications', () => {
  it('shows one notification with Snooze and Done for a reminder, and acts on it', () => {
    const { notifier, created, actions, opened } = setup();
    notifier.show([item('r1', 'Call mom')]);
    expect(created).toHaveLength(1);
    expect(created[0]!.options).toMatchObject({ title: 'Call mom', body: 'due Fri 17:00' });
    expect(created[0]!.options.actions.map((a) => a.text)).toEqual(['Snooze', 'Done']);
    expect(created[0]!.shown).toBe(true);
    created[0]!.emit('action', {}, 1);
    created[0]!.emit('action', {}, 0);
    created[0]!.emit('click');
    expect(actions).toEqual([
      ['done', ['r1']],
      ['snooze', ['r1']],
    ]);
    expect(opened()).toBe(1);
  });

  it('groups many items into one notification that says how many were missed', () => {
    const { notifier, created } = setup();
    notifier.show([item('a', 'Stretch', true), item('b', 'Water plants', true), item('c', 'Standup', false, 'appointment')]);
    expect(created).toHaveLength(1);
    expect(created[0]!.options.title).toBe('3 reminders (2 missed)');
    expect(created[0]!.options.body.split('\n')).toEqual([
      'Stretch — missed, was due Fri 17:00',
      'Water plants — missed, was due Fri 17:00',
      'Standup — starts Fri 17:00',
    ]);
  });

  it('offers no Snooze or Done for an appointment alone, and shows nothing where unsupported', () => {
    const { notifier, created } = setup();
    notifier.show([item('x', 'Dentist', false, 'appointment')]);
    expect(created[0]!.options.actions).toEqual([]);
    const unsupported = createNativeNotifier({ platform: 'linux', isSupported: () => false, create: () => { throw new Error('must not create'); }, onAction() {}, onOpen() {} });
    expect(() => unsupported.show([item('a', 'A')])).not.toThrow();
  });

  it('keeps a notification alive until it is acted on, clicked or closed, then lets it go (macOS, Linux)', () => {
    const { notifier, created } = setup('darwin');
    notifier.show([item('a', 'A')]);
    notifier.show([item('b', 'B')]);
    notifier.show([item('c', 'C')]);
    expect(notifier.retained).toBe(3);
    created[0]!.emit('action', {}, 1);
    created[1]!.emit('click');
    expect(notifier.retained).toBe(1);
    created[2]!.emit('close', {});
    expect(notifier.retained).toBe(0);
  });

  it('tells of a notification closed without Snooze, Done or a click, with its items (macOS, Linux)', () => {
    const { notifier, created, dismissed } = setup('linux');
    notifier.show([item('a', 'A'), item('m', 'Meeting', false, 'appointment')]);
    notifier.show([item('b', 'B')]);
    notifier.show([item('c', 'C')]);
    created[1]!.emit('action', {}, 0);
    created[1]!.emit('close', {});
    created[2]!.emit('click');
    created[2]!.emit('close', {});
    expect(dismissed).toEqual([]);
    created[0]!.emit('close', {});
    created[0]!.emit('close', {});
    expect(dismissed).toEqual([
      [
        { kind: 'reminder', id: 'a' },
        { kind: 'appointment', id: 'm' },
      ],
    ]);
  });

  group('on Windows', () => {
    it('tells of a toast the person dismissed, not of one that timed out into the Action Center', () => {
      const { notifier, created, dismissed } = setup('win32');
      notifier.show([item('a', 'A')]);
      notifier.show([item('h', 'Hidden by Aide')]);
      created[0]!.emit('close', { reason: 'timedOut' });
      created[1]!.emit('close', { reason: 'applicationHidden' });
      expect(dismissed).toEqual([]);
      created[0]!.emit('close', { reason: 'userCanceled' });
      expect(dismissed).toEqual([[{ kind: 'reminder', id: 'a' }]]);
    });

    it('keeps a toast that timed out into the Action Center, and lets go of one the person dismissed', () => {
      const { notifier, created } = setup('win32');
      notifier.show([item('a', 'A')]);
      created[0]!.emit('close', { reason: 'timedOut' });
      expect(notifier.retained).toBe(1);
      created[0]!.emit('close', { reason: 'userCanceled' });
      expect(notifier.retained).toBe(0);
    });

    it('acts on Snooze, Done and a click through handleActivation, even once the toast object is gone', () => {
      const { notifier, created, actions, opened, activate } = setup('win32');
      notifier.listenForActivations();
      notifier.show([item('r1', 'Call mom'), item('r2', 'Pay rent', true)]);
      const toast = new DOMParser().parseFromString(created[0]!.options.toastXml!, 'text/xml').documentElement;
      const buttons = Array.from(toast.getElementsByTagName('action'));
      expect(buttons.map((b) => b.getAttribute('content'))).toEqual(['Snooze', 'Done']);
      expect(Array.from(toast.getElementsByTagName('text')).map((t) => t.textContent)).toEqual([
        '2 reminders (1 missed)',
        'Call mom — due Fri 17:00\nPay rent — missed, was due Fri 17:00',
      ]);

      // The object may be collected while the toast sits in the Action Center.
      created[0]!.emit('close', { reason: 'userCanceled' });
      activate({ type: 'action', arguments: buttons[0]!.getAttribute('arguments') });
      activate({ type: 'action', arguments: buttons[1]!.getAttribute('arguments') });
      activate({ type: 'click', arguments: toast.getAttribute('launch') });
      expect(actions).toEqual([
        ['snooze', ['r1', 'r2']],
        ['done', ['r1', 'r2']],
      ]);
      expect(opened()).toBe(1);

      // The instance's own events would deliver the same press a second time: they are not used.
      created[0]!.emit('action', {}, 0);
      expect(actions).toHaveLength(2);
    });

    it('ignores activations that are not ours, and escapes titles so the toast stays well-formed', () => {
      const { notifier, created, actions, opened, activate } = setup('win32');
      notifier.listenForActivations();
      notifier.show([item('r1', 'Buy <milk> & "eggs"')]);
      const toast = new DOMParser().parseFromString(created[0]!.options.toastXml!, 'text/xml').documentElement;
      expect(toast.getElementsByTagName('text')[0]!.textContent).toBe('Buy <milk> & "eggs"');
      activate({ type: 'click', arguments: '' });
      activate({ type: 'action', arguments: 'aide-notification?action=done' });
      activate({ type: 'action', arguments: 'something-else' });
      expect(actions).toEqual([]);
      expect(opened()).toBe(0);
    });
  });
});
