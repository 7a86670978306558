// Opens a conf / electron-store file so that a file which fails to parse or validate is moved
// aside as `<name>.corrupt-<time>.json` and reported, never silently wiped.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { z } from 'zod';
import type { StoreFactory, StoreOptions } from '../core-options';
import type { KeyValueStore } from '../ports';

export const openConfStore: StoreFactory = <T extends Record<string, unknown>>(options: StoreOptions<T>) =>
  new Conf<T>({
    cwd: options.cwd,
    configName: options.name,
    defaults: options.defaults,
    projectVersion: options.projectVersion,
    migrations: options.migrations as never,
    clearInvalidConfig: false,
  }) as unknown as KeyValueStore<T>;

export interface OpenedStore<T extends Record<string, unknown>> {
  store: KeyValueStore<T>;
  /** Set when the old file was moved aside: a sentence for the user. */
  notice: string | null;
}

/**
 * Opens the store and checks its contents against `schema`. A file that does not parse or fit is
 * renamed with a timestamp and a fresh store is opened in its place.
 */
export function openCheckedStore<T extends Record<string, unknown>>(
  factory: StoreFactory,
  options: StoreOptions<T>,
  schema: z.ZodType<T>,
  now: () => Date = () => new Date(),
): OpenedStore<T> {
  const file = join(options.cwd, `${options.name}.json`);
  let problem: string;
  try {
    const store = factory(options);
    const parsed = schema.safeParse(wholeStore(store, options.defaults));
    if (parsed.success) return { store, notice: null };
    problem = parsed.error.issues[0]?.message ?? 'unexpected contents';
  } catch (error) {
    problem = error instanceof Error ? error.message.split('\n')[0] ?? 'unreadable' : 'unreadable';
  }
  if (!existsSync(file)) throw new Error(`Cannot open ${file}: ${problem}`);
  const aside = join(options.cwd, `${options.name}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}.json`);
  renameSync(file, aside);
  return {
    store: factory(options),
    notice: `${options.name}.json could not be read (${problem}). It was moved to ${aside} and Aide started with fresh ${options.name}.`,
  };
}

function wholeStore<T extends Record<string, unknown>>(store: KeyValueStore<T>, defaults: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) out[key] = store.get(key as keyof T);
  return out;
}
