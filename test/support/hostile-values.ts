// fast-check arbitraries for what an attacker or a broken client sends: any value, strings past
// every limit in the contract, and objects carrying prototype-pollution keys. Shared by the IPC
// and WebSocket fuzz tests.
import fc from 'fast-check';

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

/** A valid request per operation that takes one, so mutations stay close to what a handler accepts. */
export const validSamples: Record<string, unknown> = {
  updateSettings: { model: 'gpt-4o', baseUrl: 'http://127.0.0.1:11434/v1', runInBackground: true },
  saveKey: { key: 'sk-valid-looking-key' },
  getConversation: { id: 'c1' },
  renameConversation: { id: 'c1', title: 'Trip' },
  deleteConversation: { id: 'c1' },
  sendMessage: { conversationId: 'c1', text: 'hello' },
  retry: { conversationId: 'c1' },
  stop: { conversationId: 'c1' },
  updateReminder: { id: 'r1', title: 'Call mom', due: '2030-01-01T10:00:00+01:00' },
  snoozeReminder: { id: 'r1', minutes: 10 },
  completeReminder: { id: 'r1' },
  deleteReminder: { id: 'r1' },
  updateAppointment: { id: 'a1', title: 'Dentist', start: '2030-01-01T10:00:00+01:00' },
  deleteAppointment: { id: 'a1' },
  undo: { token: 't1' },
  answerConfirmation: { id: 'q1', confirmed: true },
  quickAsk: { text: 'remind me to stretch in 10 minutes' },
  showConversation: { id: 'c1' },
  pauseReminders: { minutes: 60 },
  setPrices: { 'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 } },
  updateConversation: { id: 'c1', model: null, systemPrompt: 'Be brief.' },
};
