// fast-check arbitraries for what an attacker or a broken client sends: any value, strings past
// every limit in the contract, and objects carrying prototype-pollution keys. Shared by the IPC
// and WebSocket fuzz tests, which look for crashes; verdicts are stated in bad-payloads.ts.
import fc from 'fast-check';
import { afterAll, expect } from 'vitest';

export const pollutionKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
];
const fieldNames = ['id', 'title', 'text', 'key', 'minutes', 'conversationId', 'model', 'confirmed', 'token', 'due'];
const key = fc.oneof(fc.constantFrom(...pollutionKeys, ...fieldNames), fc.string({ maxLength: 12 }));

/** Any value, JSON-able when `json` (what a WebSocket frame can carry). */
export const anyValue = (json = false): fc.Arbitrary<unknown> =>
  json
    ? fc
        .jsonValue({ maxDepth: 3 })
        .chain((value) =>
          fc.oneof(fc.constant(value), fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 })),
        )
    : fc.anything({
        key,
        maxDepth: 3,
        maxKeys: 6,
        withBoxedValues: true,
        withNullPrototype: true,
        withObjectString: true,
        withBigInt: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withSparseArray: true,
      });

/** Strings past every limit in the contract (the largest is 100,000 characters), up to `max`. */
export const hugeString = (max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 100_001, max }), fc.constantFrom('A', ' ', '\u0000', '😀', '<script>'))
    .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Objects with own pollution keys, as JSON.parse (and structured clone) creates them. */
export const pollutedJson: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.constantFrom(...pollutionKeys),
    fc.constantFrom('polluted', 'isAdmin', 'prototype'),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(
    ([outer, inner, value]) =>
      JSON.parse(`{"id":"c1","title":"x","${outer}":{"${inner}":${JSON.stringify(value)}}}`) as unknown,
  );

/** A valid request with one field replaced, or a pollution key added, holding `value`. */
export const mutated = (sample: unknown, value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => {
  const fields = sample !== null && typeof sample === 'object' ? Object.keys(sample) : [];
  return fc.tuple(fc.constantFrom(...fields, ...pollutionKeys), value).map(([field, replacement]) => {
    const copy = JSON.parse(JSON.stringify(sample ?? {})) as Record<string, unknown>;
    // defineProperty, so "__proto__" becomes an own key as JSON.parse would make it.
    Object.defineProperty(copy, field, { value: replacement, enumerable: true, writable: true, configurable: true });
    return copy as unknown;
  });
};

/** Own keys of the built-in prototypes, to prove a run left them as they were. */
export function snapshotPrototypes(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((proto) => Reflect.ownKeys(proto).map(String).sort().join(','))
    .join('|');
}

/** Fails the file if any promise rejection went unhandled while it ran (a crash waiting to happen). */
export function failOnUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
}
