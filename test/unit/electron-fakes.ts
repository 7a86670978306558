// Hand-written stand-ins for the few Electron objects the edge talks to, shared by the edge tests.
import type { Logger } from '../../main/core/ports';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) => {
    entries.push({ level, message, fields });
  };
  return { entries, info: record('info'), warn: record('warn'), error: record('error') };
}

export class FakePreventableEvent {
  prevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.prevented = true;
  }
}

type Listener = (...args: never[]) => void;

/** The on/once/emit part of an Electron EventEmitter, recording listeners by event name. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    const wrapped = (...args: never[]) => {
      this.off(name, wrapped);
      listener(...args);
    };
    return this.on(name, wrapped);
  }
  off(name: string, listener: Listener): this {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

/** electron.globalShortcut: accelerators in `taken` are refused, ones containing "Bogus" throw. */
export class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>();
  readonly taken = new Set<string>();
  readonly calls: string[] = [];
  register(accelerator: string, callback: () => void): boolean {
    this.calls.push(`register ${accelerator}`);
    if (accelerator.includes('Bogus')) throw new TypeError(`Failed to parse accelerator: ${accelerator}`);
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.calls.push(`unregister ${accelerator}`);
    this.registered.delete(accelerator);
  }
  unregisterAll(): void {
    this.calls.push('unregisterAll');
    this.registered.clear();
  }
  press(accelerator: string): void {
    const callback = this.registered.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  }
}
