import { describe as group, expect, it } from 'vitest';
import type { FiredItem } from '../../common/contract';
import { createNativeNotifier, type NotificationLike, type NotificationOptions } from '../../main/native-notifier';

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

function setup() {
  const created: FakeNotification[] = [];
  const actions: [string, string[]][] = [];
  let opened = 0;
  const notifier = createNativeNotifier({
    isSupported: () => true,
    create: (options) => {
      const n = new FakeNotification(options);
      created.push(n);
      return n;
    },
    onAction: (action, ids) => actions.push([action, ids]),
    onOpen: () => opened++,
    formatTime: () => 'Fri 17:00',
  });
  return { notifier, created, actions, opened: () => opened };
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
    const unsupported = createNativeNotifier({ isSupported: () => false, create: () => { throw new Error('must not create'); }, onAction() {}, onOpen() {} });
    expect(() => unsupported.show([item('a', 'A')])).not.toThrow();
  });
});
