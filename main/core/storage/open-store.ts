// Opens a conf / electron-store file so that a file which fails to parse or validate is moved
// aside as `<name>.corrupt-<time>.json` and reported, never silently wiped.
//
// conf re-reads and re-parses the whole file on every get and set, and a construction with
// migrations reads it four times and deep-clones it even when there is nothing to migrate: at
// 10,000 reminders that was most of the start-up. So the file is read and parsed here once, the
// caller gets the validated contents (`data`) and a whole-file `write` that does not read the file
// first, and when the file is already at `projectVersion` conf is made only at the first write
// (its constructor reads the file again and compares it with its defaults: 5–15 ms for the
// conversation list at a cold start, for a store that is seldom written).
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Conf from 'conf';
import type { z } from 'zod';
import type { StoreFactory, StoreOptions } from '../core-options';
import { nextTurn } from '../next-turn';
import type { KeyValueStore } from '../ports';

export const openConfStore: StoreFactory = <T extends Record<string, unknown>>(options: StoreOptions<T>) =>
  new Conf<T>({
    cwd: options.cwd,
    configName: options.name,
    defaults: options.defaults,
    projectVersion: options.projectVersion,
    migrations: options.migrations as never,
    clearInvalidConfig: false,
    ...(options.serialize && { serialize: options.serialize as (value: T) => string }),
    ...(options.deserialize && { deserialize: options.deserialize as (text: string) => T }),
  }) as unknown as KeyValueStore<T>;

export interface OpenedStore<T extends Record<string, unknown>> {
  /** The validated contents as opened (defaults filled in); a fresh object the caller may keep. */
  data: T;
  /** Replaces every key of the file in one write, without conf's read of the file first. */
  write(data: T): void;
  /** Set when the old file was moved aside: a sentence for the user. */
  notice: string | null;
  /** conf's reserved key and its value, for a caller that writes the file itself (or null). */
  reserved: { key: string; value: unknown } | null;
}

/** conf's reserved key: the migrated version lives at `__internal__.migrations.version`. */
const INTERNAL_KEY = '__internal__';

/** conf and electron-store expose the whole file as `store`; its setter writes it in one go. */
interface WholeFile {
  store: Record<string, unknown>;
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
  /** The file's text when the caller already read it (see readStoreText); read here when absent. */
  text?: string | null,
): OpenedStore<T> {
  const file = join(options.cwd, `${options.name}.json`);
  const opened = tryOpen(factory, options, file, text);
  return checked(factory, options, file, schema, opened, now);
}

/**
 * As openCheckedStore, for a big file at start: the parse and the check each get a turn of the
 * event loop of their own (for 1,000 conversations each took 5–15 ms at a cold start).
 */
export async function openCheckedStoreSoon<T extends Record<string, unknown>>(
  factory: StoreFactory,
  options: StoreOptions<T>,
  schema: z.ZodType<T>,
  now: () => Date = () => new Date(),
  text?: string | null,
): Promise<OpenedStore<T>> {
  const file = join(options.cwd, `${options.name}.json`);
  const opened = tryOpen(factory, options, file, text);
  if (typeof opened !== 'string') await nextTurn();
  return checked(factory, options, file, schema, opened, now);
}

/** The store opened (contents not checked yet), or why it could not be. */
function tryOpen<T extends Record<string, unknown>>(
  factory: StoreFactory,
  options: StoreOptions<T>,
  file: string,
  text: string | null | undefined,
): Omit<OpenedStore<T>, 'notice'> | string {
  try {
    return open(factory, options, file, text === undefined ? readIfExists(file) : text);
  } catch (error) {
    return firstLine(error);
  }
}

/** The opened store when its contents fit `schema`; otherwise the file moved aside and a fresh store. */
function checked<T extends Record<string, unknown>>(
  factory: StoreFactory,
  options: StoreOptions<T>,
  file: string,
  schema: z.ZodType<T>,
  opened: Omit<OpenedStore<T>, 'notice'> | string,
  now: () => Date,
): OpenedStore<T> {
  if (typeof opened === 'string') return movedAside(factory, options, file, opened, now);
  const problem = problemWith(schema, opened.data);
  return problem === null ? { ...opened, notice: null } : movedAside(factory, options, file, problem, now);
}

/** Why `data` does not fit `schema`, or null when it does. */
function problemWith(schema: z.ZodType, data: unknown): string | null {
  try {
    const fits = fitsSchema(schema, data);
    return fits === true ? null : fits;
  } catch (error) {
    return firstLine(error);
  }
}

const firstLine = (error: unknown): string =>
  error instanceof Error ? (error.message.split('\n')[0] ?? 'unreadable') : 'unreadable';

/** Moves the file that did not open aside and opens a fresh store in its place, with a notice. */
function movedAside<T extends Record<string, unknown>>(
  factory: StoreFactory,
  options: StoreOptions<T>,
  file: string,
  problem: string,
  now: () => Date,
): OpenedStore<T> {
  if (!existsSync(file)) throw new Error(`Cannot open ${file}: ${problem}`);
  const aside = join(options.cwd, `${options.name}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}.json`);
  renameSync(file, aside);
  return {
    ...open(factory, options, file, null),
    notice: `${options.name}.json could not be read (${problem}). It was moved to ${aside} and Aide started with fresh ${options.name}.`,
  };
}

/** Opens the store reading the file once; the contents are not checked against the schema yet. */
function open<T extends Record<string, unknown>>(
  factory: StoreFactory,
  options: StoreOptions<T>,
  file: string,
  text: string | null,
): Omit<OpenedStore<T>, 'notice'> {
  const deserialize = options.deserialize ?? ((text: string) => JSON.parse(text) as Record<string, unknown>);
  const contents = text === null ? null : deserialize(text);
  const internal = isObject(contents) ? contents[INTERNAL_KEY] : undefined;
  const current =
    text !== null &&
    isObject(contents) &&
    isObject(internal) &&
    isObject(internal.migrations) &&
    internal.migrations.version === options.projectVersion;

  let store: () => KeyValueStore<T>;
  let whole: Record<string, unknown>;
  if (current) {
    // Already at projectVersion: conf's migration pass would find nothing to run (and read the
    // file three more times and deep-clone it to find that out), and the contents are read: conf
    // is needed only to write, so it is made then.
    let made: KeyValueStore<T> | null = null;
    store = () => (made ??= factory({ ...options, migrations: undefined }));
    whole = { ...options.defaults, ...contents };
  } else {
    // New, unversioned or older file: conf migrates it as usual; then read it once.
    const made = factory(options);
    store = () => made;
    whole = readWhole(made, options.defaults);
  }

  const kept = whole[INTERNAL_KEY];
  delete whole[INTERNAL_KEY];
  const reserved = kept === undefined ? null : { key: INTERNAL_KEY, value: kept };
  return { data: whole as T, write: writer(store, kept), reserved };
}

function writer<T extends Record<string, unknown>>(
  store: () => KeyValueStore<T>,
  internal: unknown,
): (data: T) => void {
  return (data) => {
    const made = store();
    if (!isWholeFile(made)) {
      for (const key of Object.keys(data)) made.set(key, data[key] as T[keyof T]);
      return;
    }
    // With the internal key present conf does not read the file to carry it over.
    made.store = internal === undefined ? { ...data } : { ...data, [INTERNAL_KEY]: internal };
  };
}

function readWhole<T extends Record<string, unknown>>(store: KeyValueStore<T>, defaults: T): Record<string, unknown> {
  if (isWholeFile(store)) return { ...store.store };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) out[key] = store.get(key as keyof T);
  return out;
}

/**
 * A store's file read without blocking, for openCheckedStore: a sync read waits on the disk with
 * the event loop held. Null when there is no file; undefined when it could not be read, so
 * openCheckedStore reads it again and handles the error as always (moved aside and told).
 */
export const readStoreText = (cwd: string, name: string): Promise<string | null | undefined> =>
  readTextSoon(join(cwd, `${name}.json`));

/** As readIfExists, without blocking; undefined on any other error (the caller reads again and throws it). */
export async function readTextSoon(file: string): Promise<string | null | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
}

/** The file's text, or null when there is none. */
export function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function isWholeFile(store: object): store is WholeFile {
  return 'store' in store;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// --- Validation ----------------------------------------------------------------------------
//
// zod took 45–85 ms (20 ms warm) for 10,000 reminders at every start; the checks below ~10 ms.
// The schemas are plain objects, records, strings, numbers, enums, nullables and optionals, so they are compiled once
// into direct type checks; any other part of a schema is checked by zod itself. Only when the
// fast check fails does zod run over the whole file, for the message (and the final word).

type Checker = (value: unknown) => boolean;

const compiled = new WeakMap<z.ZodType, Checker>();

/** True when `value` fits `schema`, else the first problem in words. */
export function fitsSchema(schema: z.ZodType, value: unknown): true | string {
  let checker = compiled.get(schema);
  if (!checker) {
    checker = compile(schema);
    compiled.set(schema, checker);
  }
  if (checker(value)) return true;
  const parsed = schema.safeParse(value);
  return parsed.success ? true : (parsed.error.issues[0]?.message ?? 'unexpected contents');
}

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, unknown>;
}

/** A checker that accepts only what `schema` accepts (it may refuse more: zod then decides). */
function compile(schema: z.ZodType): Checker {
  const def = (schema as unknown as { _zod?: { def?: Def } })._zod?.def;
  const byZod: Checker = (value) => schema.safeParse(value).success;
  if (!def) return byZod;
  const plain = def.checks === undefined || def.checks.length === 0;
  switch (def.type) {
    case 'string':
      return plain ? (value) => typeof value === 'string' : byZod;
    case 'number':
      return plain ? (value) => typeof value === 'number' && Number.isFinite(value) : byZod;
    case 'boolean':
      return plain ? (value) => typeof value === 'boolean' : byZod;
    case 'null':
      return (value) => value === null;
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      return (value) => allowed.has(value);
    }
    case 'nullable': {
      if (!def.innerType) return byZod;
      const inner = compile(def.innerType);
      return (value) => value === null || inner(value);
    }
    case 'optional': {
      if (!def.innerType) return byZod;
      const inner = compile(def.innerType);
      return (value) => value === undefined || inner(value);
    }
    case 'object': {
      // A catch-all (strict or passthrough objects) changes what is accepted: leave those to zod.
      if (!plain || def.catchall !== undefined || !def.shape) return byZod;
      const fields = Object.entries(def.shape).map(([key, field]) => [key, compile(field)] as const);
      return (value) => {
        if (!isObject(value)) return false;
        for (const [key, field] of fields) if (!field(value[key])) return false;
        return true;
      };
    }
    case 'record': {
      const key = def.keyType ? (def.keyType as unknown as { _zod?: { def?: Def } })._zod?.def : undefined;
      const keysAnyString = key?.type === 'string' && (key.checks === undefined || key.checks.length === 0);
      if (!plain || !keysAnyString || !def.valueType) return byZod;
      const item = compile(def.valueType);
      return (value) => {
        if (!isObject(value)) return false;
        for (const entry in value) if (Object.hasOwn(value, entry) && !item(value[entry])) return false;
        return true;
      };
    }
    default:
      return byZod;
  }
}
