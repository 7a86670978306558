import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, Reminder, Settings } from '../../common/contract';
import type { EventListener, Handlers } from '../../main/core/core-types';
import { createAppTray, nextReminders, reminderTime, type TrayMenuItem } from '../../main/tray';
import { FakeEmitter, recordingLogger } from './electron-fakes';

const now = Date.parse('2025-01-07T12:00:00Z');

function reminder(title: string, due: string, extra: Partial<Reminder> = {}): Reminder {
  return {
    id: `id-${title}`,
    title,
    due,
    start: due,
    rrule: null,
    notes: null,
    timeZone: 'UTC',
    status: 'pending',
    snoozedUntil: null,
    firedFor: null,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    doneAt: null,
    recurrenceText: null,
    ...extra,
  };
}

function settings(remindersPausedUntil: string | null = null): Settings {
  return {
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    key: { present: false, source: 'none', masked: null, savedAt: null, problem: null },
    desktop: {
      available: true,
      shortcut: 'CommandOrControl+Shift+Space',
      shortcutProblem: null,
      shortcutNote: null,
      runInBackground: true,
      startAtLogin: false,
    },
    remindersPausedUntil,
    limits: { requestsPerMinute: 500, tokensPerMinute: 200_000 },
    budget: { monthlyUsd: null, warnAt: 0.8, hardStop: false },
    keyRotationDays: 90,
  };
}

class FakeTray extends FakeEmitter {
  toolTip = '';
  menu: TrayMenuItem[] = [];
  destroyed = false;
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: TrayMenuItem[]): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

function setUp(
  options: { reminders?: Reminder[]; settings?: Settings; platform?: NodeJS.Platform; now?: () => number } = {},
) {
  const tray = new FakeTray();
  const listeners = new Set<EventListener>();
  const pauseReminders = vi.fn(async () => settings());
  const handlers = {
    getSettings: async () => options.settings ?? settings(),
    listReminders: async () => options.reminders ?? [],
    pauseReminders,
  } as Partial<Handlers> as Handlers;
  const actions = { showQuickAsk: vi.fn(), showMainWindow: vi.fn(), quit: vi.fn() };
  const app = createAppTray({
    createTray: () => tray,
    buildMenu: (items) => items,
    core: {
      handlers,
      onEvent: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    platform: options.platform ?? 'linux',
    ...actions,
    logger: recordingLogger(),
    now: options.now ?? (() => now),
    formatTime: (iso) => reminderTime(iso, 'en-GB'),
  });
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    for (const listener of listeners) listener(name, payload);
  };
  const labels = () => tray.menu.map((item) => ('label' in item ? item.label : '---'));
  const click = (label: string) => {
    const item = tray.menu.find((entry) => 'label' in entry && entry.label === label);
    if (!item || !('click' in item) || !item.click)
      throw new Error(`no clickable "${label}" in ${labels().join(' | ')}`);
    item.click();
  };
  return { tray, app, emit, labels, click, actions, pauseReminders, listeners };
}

describe('tray', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('shows the menu at once, then the next three pending reminders in order with their local time', async () => {
    vi.stubEnv('TZ', 'UTC');
    const { tray, labels } = setUp({
      reminders: [
        reminder('Later', '2025-01-09T08:30:00Z'),
        reminder('Done already', '2025-01-07T13:00:00Z', { status: 'done' }),
        reminder('Past', '2025-01-07T11:00:00Z'),
        reminder('Soonest', '2025-01-07T17:00:00Z'),
        reminder('Snoozed', '2025-01-07T12:30:00Z', { snoozedUntil: '2025-01-08T09:00:00Z' }),
        reminder('Fourth', '2025-01-10T10:00:00Z'),
      ],
    });
    expect(tray.toolTip).toBe('Aide');
    expect(labels()).toEqual([
      'Quick ask…',
      'Open Aide',
      '---',
      'No upcoming reminders',
      'Pause reminders for 1 hour',
      '---',
      'Quit',
    ]);
    await vi.waitFor(() => expect(labels()).toContain('Soonest — Tue 17:00'));
    expect(labels().slice(3, 6)).toEqual(['Soonest — Tue 17:00', 'Snoozed — Wed 09:00', 'Later — Thu 08:30']);
  });

  it('runs each item: quick ask, open, a reminder opens the window, pause for an hour, quit', async () => {
    const { click, actions, pauseReminders, labels } = setUp({
      reminders: [reminder('Stretch', '2025-01-07T17:00:00Z')],
    });
    click('Quick ask…');
    expect(actions.showQuickAsk).toHaveBeenCalledTimes(1);
    click('Open Aide');
    expect(actions.showMainWindow).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(labels()[3]).toMatch(/^Stretch — /));
    click(labels()[3] ?? '');
    expect(actions.showMainWindow).toHaveBeenCalledTimes(2);
    click('Pause reminders for 1 hour');
    expect(pauseReminders).toHaveBeenCalledWith({ minutes: 60 });
    click('Quit');
    expect(actions.quit).toHaveBeenCalledTimes(1);
  });

  it('offers Resume while paused, which resumes with 0 minutes, and Pause again once the pause ends', async () => {
    vi.useFakeTimers({ now });
    const { click, labels, pauseReminders } = setUp({
      settings: settings(new Date(now + 30 * 60_000).toISOString()),
      now: () => Date.now(),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(labels()).toContain('Resume reminders');
    expect(labels()).not.toContain('Pause reminders for 1 hour');
    click('Resume reminders');
    expect(pauseReminders).toHaveBeenCalledWith({ minutes: 0 });
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(labels()).toContain('Pause reminders for 1 hour');
  });

  it('keeps what an event said over an older first read', async () => {
    const { labels, emit } = setUp();
    emit('settingsChanged', settings(new Date(now + 60 * 60_000).toISOString()));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(labels()).toContain('Resume reminders');
  });

  it('treats a pause that already ended as not paused', () => {
    const { labels, emit } = setUp();
    emit('settingsChanged', settings(new Date(now - 1000).toISOString()));
    expect(labels()).toContain('Pause reminders for 1 hour');
  });

  it('rebuilds the menu when core reports the reminders changed', async () => {
    const { labels, emit } = setUp();
    await vi.waitFor(() => expect(labels()).toContain('No upcoming reminders'));
    emit('remindersChanged', { reminders: [reminder('Call mom', '2025-01-07T17:00:00Z')], appointments: [] });
    expect(labels().some((label) => label.startsWith('Call mom — '))).toBe(true);
    expect(labels()).not.toContain('No upcoming reminders');
  });

  it('opens the window on a click of the icon, except on macOS where a click opens the menu', () => {
    const linux = setUp();
    linux.tray.emit('click');
    expect(linux.actions.showMainWindow).toHaveBeenCalledTimes(1);
    const mac = setUp({ platform: 'darwin' });
    expect(mac.tray.listeners.get('click') ?? []).toHaveLength(0);
  });

  it('stops listening and removes the icon when disposed', () => {
    const { app, tray, listeners } = setUp();
    app.dispose();
    expect(tray.destroyed).toBe(true);
    expect(listeners.size).toBe(0);
  });
});

describe('nextReminders', () => {
  it('skips done and past reminders and keeps three', () => {
    const list = ['a', 'b', 'c', 'd'].map((title, i) =>
      reminder(title, new Date(now + (4 - i) * 60_000).toISOString()),
    );
    expect(nextReminders(list, now).map((r) => r.title)).toEqual(['d', 'c', 'b']);
  });
});
