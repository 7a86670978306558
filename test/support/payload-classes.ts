// Classes of requests that recur across operations (no payload, the request's outer shape, an id
// field, a time field, a text field), each with the verdict a user of the contract expects, written
// out here by hand. bad-payloads.ts combines them per operation.
import type { OperationName } from '../../common/contract';

export type Verdict = 'accepted' | 'refused';

export interface PayloadCase {
  op: OperationName;
  /** The payload in words, for the test's name: "due '2026-02-30T10:00:00+01:00' (no such day)". */
  what: string;
  payload: unknown;
  verdict: Verdict;
  /** What the handler receives when it is not the payload itself (trimmed text, unknown keys dropped). */
  handledAs?: unknown;
  /** Accepted, yet nothing may change: it names something that does not exist, or only reads. */
  changesNothing?: boolean;
}

/** A case before it is given its operation. */
export type Row = Omit<PayloadCase, 'op'>;

export const accepts = (what: string, payload: unknown, extra: Partial<Row> = {}): Row => ({
  what,
  payload,
  verdict: 'accepted',
  ...extra,
});
export const refuses = (what: string, payload: unknown): Row => ({ what, payload, verdict: 'refused' });

/** `n` characters of ordinary text. */
export const chars = (n: number): string => 'abcdefghij'.repeat(Math.ceil(n / 10)).slice(0, n);

/** An object with own `__proto__` (or other) keys, as JSON.parse and structured clone make them. */
export const fromJson = (json: string): unknown => JSON.parse(json) as unknown;

const withKey = (base: object, json: string): unknown => ({ ...(fromJson(json) as object), ...base });

/** "Requests without a payload take no argument": nothing else is a request for them. */
export const noPayload = (readsOnly: boolean): Row[] => [
  accepts('no payload', undefined, { changesNothing: readsOnly }),
  refuses('null', null),
  refuses('an empty object', {}),
  refuses('an empty array', []),
  refuses('an empty string', ''),
  refuses('0', 0),
  refuses('false', false),
  refuses('an object with a __proto__ key', fromJson('{"__proto__":{"polluted":true}}')),
];

/**
 * The request is one object: anything else is refused; keys the contract does not name are
 * dropped before the handler (zod's default), `__proto__` and `constructor` included.
 */
export const objectShape = (valid: object, changesNothing: boolean): Row[] => [
  refuses('no payload', undefined),
  refuses('null', null),
  refuses('an array', []),
  refuses('the request inside an array', [valid]),
  refuses('a string', 'x'),
  refuses('a number', 42),
  accepts('an unknown key (dropped)', { ...valid, isAdmin: true }, { handledAs: valid, changesNothing }),
  accepts('an own __proto__ key (dropped)', withKey(valid, '{"__proto__":{"isAdmin":true}}'), {
    handledAs: valid,
    changesNothing,
  }),
  accepts('a constructor.prototype key (dropped)', withKey(valid, '{"constructor":{"prototype":{"isAdmin":true}}}'), {
    handledAs: valid,
    changesNothing,
  }),
];

/**
 * An id Aide made (a UUID or a short token): up to 100 characters (`max`), opaque. One that names
 * nothing is the handler's to answer ("no such …"), prototype member names included.
 */
export const idField = (
  field: string,
  rest: object,
  options: { max?: number } = {},
): Row[] => {
  const max = options.max ?? 100;
  const named = (id: unknown) => ({ ...rest, [field]: id });
  const { [field]: _dropped, ...withoutId } = named('x');
  const prototypeName = (id: string) =>
    accepts(`${field} '${id}' (names nothing)`, named(id), { changesNothing: true });
  return [
    refuses(`no ${field}`, withoutId),
    refuses(`${field} '' (empty)`, named('')),
    refuses(`${field} of ${max + 1} characters`, named(chars(max + 1))),
    refuses(`${field} 42 (a number)`, named(42)),
    refuses(`${field} null`, named(null)),
    refuses(`${field} in an array`, named(['x'])),
    refuses(`${field} as an object`, named({ id: 'x' })),
    accepts(`an unknown ${field}`, named('missing-0001'), { changesNothing: true }),
    accepts(`${field} of ${max} characters`, named(chars(max)), { changesNothing: true }),
    prototypeName('__proto__'),
    prototypeName('constructor'),
    prototypeName('toString'),
  ];
};

/**
 * A time is ISO 8601 with an offset ("2026-11-27T17:00:00+01:00", or Z), a real calendar day,
 * a four-digit year. Whether it is in the past is the handler's to answer, with the user's clock.
 */
export const timeField = (field: string, rest: object): Row[] => {
  const at = (value: unknown) => ({ ...rest, [field]: value });
  const ok = (what: string, value: string) =>
    accepts(`${field} '${value}' (${what})`, at(value), { changesNothing: true });
  const bad = (what: string, value: unknown) =>
    refuses(`${field} ${typeof value === 'string' ? `'${value}'` : String(value)} (${what})`, at(value));
  return [
    ok('with offset', '2030-01-01T10:00:00+01:00'),
    ok('UTC', '2030-01-01T09:00:00Z'),
    ok('milliseconds', '2030-01-01T10:00:00.250-05:00'),
    ok('a leap day', '2028-02-29T10:00:00+01:00'),
    ok('in the past, for the handler to answer', '2020-01-01T10:00:00+01:00'),
    bad('no such day', '2026-02-30T10:00:00+01:00'),
    bad('not a leap year', '2027-02-29T10:00:00+01:00'),
    bad('month 13', '2030-13-01T10:00:00+01:00'),
    bad('hour 24', '2030-01-01T24:00:00+01:00'),
    bad('offset beyond ±14 hours', '2030-01-01T10:00:00+25:00'),
    bad('no offset', '2030-01-01T10:00:00'),
    bad('a date only', '2030-01-01'),
    bad('a space for the T', '2030-01-01 10:00:00+01:00'),
    bad('year 10000', '10000-01-01T10:00:00+01:00'),
    bad('words', 'tomorrow'),
    bad('empty', ''),
    bad('epoch milliseconds', 1_893_488_400_000),
    bad('leave the field out to keep the time', null),
    refuses(`${field} as a Date object`, at(new Date('2030-01-01T09:00:00Z'))),
  ];
};

interface FieldOptions {
  /** A request without the field is a request (the field is optional). */
  optional?: boolean;
  /** The rest of the request names nothing that exists, so an accepted request changes nothing. */
  changesNothing: boolean;
}

/** What a request without the field, or with null (never "unchanged" or "default" here), gets. */
const absentAndNull = (
  field: string,
  request: (value: unknown) => Record<string, unknown>,
  options: FieldOptions,
): Row[] => {
  const { [field]: _dropped, ...without } = request(null);
  const { changesNothing } = options;
  return [
    options.optional ? accepts(`no ${field}`, without, { changesNothing }) : refuses(`no ${field}`, without),
    refuses(`${field} null`, request(null)),
  ];
};

/** Text a person types: trimmed, never blank, at most `max` characters. */
export const textField = (field: string, rest: object, max: number, options: FieldOptions): Row[] => {
  const withText = (value: unknown) => ({ ...rest, [field]: value });
  const { changesNothing } = options;
  return [
    accepts(`${field} with spaces around (trimmed)`, withText('  Plan the trip \n'), {
      handledAs: withText('Plan the trip'),
      changesNothing,
    }),
    accepts(`${field} of ${max.toLocaleString('en')} characters`, withText(chars(max)), { changesNothing }),
    ...absentAndNull(field, withText, options),
    refuses(`${field} '' (empty)`, withText('')),
    refuses(`${field} of spaces, tabs and line breaks only`, withText(' \t\n  ')),
    refuses(`${field} of ${(max + 1).toLocaleString('en')} characters`, withText(chars(max + 1))),
    refuses(`${field} 42 (a number)`, withText(42)),
    refuses(`${field} in an array`, withText(['Plan the trip'])),
  ];
};

/** A whole number from `min` to `max`; fractions, non-finite numbers and strings are refused. */
export const countField = (field: string, rest: object, min: number, max: number, options: FieldOptions): Row[] => {
  const withCount = (value: unknown) => ({ ...rest, [field]: value });
  const { changesNothing } = options;
  return [
    accepts(`${field} ${min} (the least)`, withCount(min), { changesNothing }),
    accepts(`${field} ${max} (the most)`, withCount(max), { changesNothing }),
    ...absentAndNull(field, withCount, options),
    refuses(`${field} ${min - 1} (below the least)`, withCount(min - 1)),
    ...(min - 1 === -1 ? [] : [refuses(`${field} -1`, withCount(-1))]),
    refuses(`${field} ${max + 1} (above the most)`, withCount(max + 1)),
    refuses(`${field} ${min + 0.5} (not whole)`, withCount(min + 0.5)),
    refuses(`${field} NaN`, withCount(Number.NaN)),
    refuses(`${field} 1e309 (Infinity)`, withCount(Number('1e309'))),
    refuses(`${field} -Infinity`, withCount(-Infinity)),
    refuses(`${field} '${min}' (a string)`, withCount(String(min))),
    refuses(`${field} true`, withCount(true)),
  ];
};
