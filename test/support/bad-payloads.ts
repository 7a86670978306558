// Every contract operation's requests, written by hand with the verdict a user of the contract
// expects ('accepted' reaches the handler, 'refused' never does): the oracle the fuzz tests lack,
// since they cannot tell a wrong schema from a right one. Independent of how an edge is wired.
import type { OperationName } from '../../common/contract';
import {
  accepts,
  chars,
  countField,
  fromJson,
  idField,
  noPayload,
  objectShape,
  refuses,
  textField,
  timeField,
  type PayloadCase,
  type Row,
} from './payload-classes';

const MISSING = 'missing-0001';
const missing = { id: MISSING };
const nothingChanges = { changesNothing: true };

/** Reported: the conversation store finds Object.prototype's members ("constructor", "toString") by id. */
const price = { input: 2.5, cachedInput: 1.25, output: 10 };

const settingsPatch: Row[] = [
  accepts('an empty patch', {}),
  accepts('a model', { model: 'gpt-4o-mini' }),
  accepts('a model with spaces around (trimmed)', { model: '  gpt-4o-mini ' }, { handledAs: { model: 'gpt-4o-mini' } }),
  accepts('a local http base URL', { baseUrl: 'http://127.0.0.1:11434/v1' }),
  accepts(
    'an https base URL with spaces around (trimmed)',
    { baseUrl: ' https://127.0.0.1:8443/v1 ' },
    {
      handledAs: { baseUrl: 'https://127.0.0.1:8443/v1' },
    },
  ),
  accepts('the tray and login switches', { runInBackground: false, startAtLogin: false }),
  accepts('a shortcut', { shortcut: 'CommandOrControl+Shift+Space' }),
  accepts('rate limits', { limits: { requestsPerMinute: 60, tokensPerMinute: 150_000 } }),
  accepts('a budget', { budget: { monthlyUsd: 20, warnAt: 0.8, hardStop: false } }),
  accepts('no budget (monthlyUsd null)', { budget: { monthlyUsd: null, warnAt: 0.8, hardStop: false } }),
  accepts('key rotation after 90 days', { keyRotationDays: 90 }),
  accepts('key rotation off (null)', { keyRotationDays: null }),
  accepts(
    'an unknown key (dropped)',
    { model: 'gpt-4o', apiKey: 'sk-not-a-setting' },
    { handledAs: { model: 'gpt-4o' } },
  ),
  accepts(
    'an own __proto__ key (dropped)',
    fromJson('{"model":"gpt-4o","__proto__":{"baseUrl":"http://evil.example"}}'),
    {
      handledAs: { model: 'gpt-4o' },
    },
  ),
  refuses('no payload', undefined),
  refuses('null', null),
  refuses('an array', [{ model: 'gpt-4o' }]),
  refuses("baseUrl 'not a url'", { baseUrl: 'not a url' }),
  refuses("baseUrl '' (empty)", { baseUrl: '' }),
  refuses("baseUrl 'javascript:alert(1)' (not http or https)", { baseUrl: 'javascript:alert(1)' }),
  refuses("baseUrl 'file:///etc/passwd' (not http or https)", { baseUrl: 'file:///etc/passwd' }),
  refuses("baseUrl 'ftp://127.0.0.1/v1' (not http or https)", { baseUrl: 'ftp://127.0.0.1/v1' }),
  refuses("model '' (empty)", { model: '' }),
  refuses('model of spaces only', { model: '   ' }),
  refuses('model of 10,000 characters', { model: chars(10_000) }),
  refuses('model null', { model: null }),
  refuses("shortcut '' (empty)", { shortcut: '' }),
  refuses("shortcut 'Ctrl+' (no key)", { shortcut: 'Ctrl+' }),
  refuses('shortcut of 100 characters', { shortcut: `Ctrl+${chars(95)}` }),
  refuses("runInBackground 'true' (a string)", { runInBackground: 'true' }),
  refuses('startAtLogin 1', { startAtLogin: 1 }),
  refuses('limits without tokensPerMinute', { limits: { requestsPerMinute: 60 } }),
  refuses('requestsPerMinute 0', { limits: { requestsPerMinute: 0, tokensPerMinute: 150_000 } }),
  refuses('requestsPerMinute -1', { limits: { requestsPerMinute: -1, tokensPerMinute: 150_000 } }),
  refuses('requestsPerMinute 1.5', { limits: { requestsPerMinute: 1.5, tokensPerMinute: 150_000 } }),
  refuses('requestsPerMinute NaN', { limits: { requestsPerMinute: Number.NaN, tokensPerMinute: 150_000 } }),
  refuses('tokensPerMinute Infinity', { limits: { requestsPerMinute: 60, tokensPerMinute: Infinity } }),
  refuses('tokensPerMinute 10 (less than any request)', { limits: { requestsPerMinute: 60, tokensPerMinute: 10 } }),
  refuses("tokensPerMinute '150000' (a string)", { limits: { requestsPerMinute: 60, tokensPerMinute: '150000' } }),
  refuses('monthlyUsd 0 (null means no budget)', { budget: { monthlyUsd: 0, warnAt: 0.8, hardStop: false } }),
  refuses('monthlyUsd -5', { budget: { monthlyUsd: -5, warnAt: 0.8, hardStop: false } }),
  refuses('monthlyUsd NaN', { budget: { monthlyUsd: Number.NaN, warnAt: 0.8, hardStop: false } }),
  refuses('monthlyUsd 1e309 (Infinity)', { budget: { monthlyUsd: Number('1e309'), warnAt: 0.8, hardStop: false } }),
  refuses('warnAt 0 (warn before anything is spent)', { budget: { monthlyUsd: 20, warnAt: 0, hardStop: false } }),
  refuses('warnAt 1.5 (past the budget)', { budget: { monthlyUsd: 20, warnAt: 1.5, hardStop: false } }),
  refuses('budget without hardStop', { budget: { monthlyUsd: 20, warnAt: 0.8 } }),
  refuses('keyRotationDays 0', { keyRotationDays: 0 }),
  refuses('keyRotationDays -1', { keyRotationDays: -1 }),
  refuses('keyRotationDays 1.5', { keyRotationDays: 1.5 }),
  refuses('keyRotationDays 36500 (a hundred years)', { keyRotationDays: 36_500 }),
  refuses("keyRotationDays '90' (a string)", { keyRotationDays: '90' }),
];

const saveKey: Row[] = [
  accepts('a key', { key: 'sk-proj-abcdefghijklmnop' }),
  accepts(
    'a pasted key with spaces and a line break around (trimmed)',
    { key: '  sk-proj-abcdefghijklmnop\n' },
    {
      handledAs: { key: 'sk-proj-abcdefghijklmnop' },
    },
  ),
  ...objectShape({ key: 'sk-proj-abcdefghijklmnop' }, false),
  refuses("key '' (empty)", { key: '' }),
  refuses('key of spaces only', { key: '     \t   ' }),
  refuses("key 'sk-1' (shorter than any key)", { key: 'sk-1' }),
  refuses('key of 10,000 characters', { key: chars(10_000) }),
  refuses('key 12345678 (a number)', { key: 12_345_678 }),
  refuses('key null', { key: null }),
  refuses('the key as a bare string', 'sk-proj-abcdefghijklmnop'),
];

const updateConversation: Row[] = [
  accepts('only an id', missing, nothingChanges),
  accepts("model null (use Settings')", { ...missing, model: null }, nothingChanges),
  accepts('a model', { ...missing, model: 'gpt-4o-mini' }, nothingChanges),
  accepts(
    'a model with spaces around (trimmed)',
    { ...missing, model: ' gpt-4o ' },
    {
      handledAs: { ...missing, model: 'gpt-4o' },
      changesNothing: true,
    },
  ),
  accepts('systemPrompt null (none)', { ...missing, systemPrompt: null }, nothingChanges),
  accepts("systemPrompt '' (cleared)", { ...missing, systemPrompt: '' }, nothingChanges),
  accepts('systemPrompt of 20,000 characters', { ...missing, systemPrompt: chars(20_000) }, nothingChanges),
  refuses("model '' (empty)", { ...missing, model: '' }),
  refuses('model of spaces only', { ...missing, model: '   ' }),
  refuses('model of 10,000 characters', { ...missing, model: chars(10_000) }),
  refuses('model 42', { ...missing, model: 42 }),
  refuses('systemPrompt of 20,001 characters', { ...missing, systemPrompt: chars(20_001) }),
  refuses('systemPrompt 42', { ...missing, systemPrompt: 42 }),
  ...objectShape(missing, true),
  ...idField('id', {}),
];

const setPrices: Row[] = [
  accepts('a price', { 'gpt-4o': price }),
  accepts('a free model without a cached price', { 'llama3.2': { input: 0, cachedInput: null, output: 0 } }),
  accepts('an empty table', {}),
  accepts("a model named 'constructor' (an ordinary key)", fromJson(`{"constructor":${JSON.stringify(price)}}`)),
  accepts(
    "a model named '__proto__' (dropped)",
    fromJson(`{"__proto__":${JSON.stringify(price)},"gpt-4o":${JSON.stringify(price)}}`),
    {
      handledAs: { 'gpt-4o': price },
    },
  ),
  accepts(
    'an unknown key in a price (dropped)',
    { 'gpt-4o': { ...price, currency: 'EUR' } },
    {
      handledAs: { 'gpt-4o': price },
    },
  ),
  refuses('no payload', undefined),
  refuses('null', null),
  refuses('an array', [price]),
  refuses('a price as a bare number', { 'gpt-4o': 2.5 }),
  refuses("a model named '' (empty)", { '': price }),
  refuses('a model name of 10,000 characters', { [chars(10_000)]: price }),
  refuses('input -1', { 'gpt-4o': { ...price, input: -1 } }),
  refuses('output NaN', { 'gpt-4o': { ...price, output: Number.NaN } }),
  refuses('output 1e309 (Infinity)', { 'gpt-4o': { ...price, output: Number('1e309') } }),
  refuses("input '2.5' (a string)", { 'gpt-4o': { ...price, input: '2.5' } }),
  refuses('no cachedInput (null says there is none)', { 'gpt-4o': { input: 2.5, output: 10 } }),
  refuses('no output', { 'gpt-4o': { input: 2.5, cachedInput: null } }),
];

/** Port 9 (discard) on loopback refuses at once: a connect that fails and saves nothing. */
const closedServer = 'http://127.0.0.1:9/';
const login = { serverUrl: closedServer, user: 'alice', password: 'correct horse battery' };

const connectCalendar: Row[] = [
  accepts('a login the server cannot be reached for (nothing saved)', login, nothingChanges),
  accepts(
    'a URL and user with spaces around (trimmed; the password is kept as typed)',
    { serverUrl: ` ${closedServer} `, user: ' alice ', password: ' pass phrase ' },
    { handledAs: { serverUrl: closedServer, user: 'alice', password: ' pass phrase ' }, changesNothing: true },
  ),
  accepts('an https URL', { ...login, serverUrl: 'https://127.0.0.1:9/dav/' }, nothingChanges),
  ...objectShape(login, true),
  refuses("serverUrl 'not a url'", { ...login, serverUrl: 'not a url' }),
  refuses("serverUrl 'file:///etc/passwd' (not http or https)", { ...login, serverUrl: 'file:///etc/passwd' }),
  refuses("serverUrl 'javascript:alert(1)' (not http or https)", { ...login, serverUrl: 'javascript:alert(1)' }),
  refuses('serverUrl of 3,000 characters', { ...login, serverUrl: `http://127.0.0.1/${chars(3_000)}` }),
  refuses('no serverUrl', { user: 'alice', password: 'secret-password' }),
  refuses("user '' (empty)", { ...login, user: '' }),
  refuses('user of spaces only', { ...login, user: '   ' }),
  refuses('user 42', { ...login, user: 42 }),
  refuses("password '' (empty)", { ...login, password: '' }),
  refuses('password of 1,001 characters', { ...login, password: chars(1_001) }),
  refuses('password null', { ...login, password: null }),
  refuses('no password', { serverUrl: closedServer, user: 'alice' }),
];

const dismissed = (id: unknown, kind: unknown = 'reminder') => ({ items: [{ kind, id }] });
const dismissFired: Row[] = [
  // Not connected, or an item only on this computer: nothing to tell a server.
  accepts(
    'a reminder and an appointment',
    { items: [{ kind: 'reminder', id: MISSING }, { kind: 'appointment', id: MISSING }] },
    nothingChanges,
  ),
  ...objectShape(dismissed(MISSING), true),
  refuses('no items', {}),
  refuses('an empty list', { items: [] }),
  refuses('501 items', { items: Array.from({ length: 501 }, () => ({ kind: 'reminder', id: MISSING })) }),
  refuses("kind 'routine' (not a fired kind)", dismissed(MISSING, 'routine')),
  refuses('no kind', { items: [missing] }),
  refuses("id '' (empty)", dismissed('')),
  refuses('id of 101 characters', dismissed(chars(101))),
  refuses('id 42 (a number)', dismissed(42)),
  refuses('items as an object', { items: { kind: 'reminder', id: MISSING } }),
  accepts("id '__proto__' (names nothing)", dismissed('__proto__'), nothingChanges),
];

const newCalendar = { name: 'Aide', components: ['VTODO', 'VEVENT'] };
const createCalendar: Row[] = [
  accepts('a calendar for both (not connected: nothing made)', newCalendar, nothingChanges),
  accepts('a name with spaces around (trimmed)', { name: '  Aide ', components: ['VTODO'] }, {
    handledAs: { name: 'Aide', components: ['VTODO'] },
    changesNothing: true,
  }),
  ...objectShape(newCalendar, true),
  refuses("name '' (empty)", { ...newCalendar, name: '' }),
  refuses('name of 201 characters', { ...newCalendar, name: chars(201) }),
  refuses('no components', { ...newCalendar, components: [] }),
  refuses("component 'VJOURNAL' (not one Aide writes)", { ...newCalendar, components: ['VJOURNAL'] }),
  refuses('three components', { ...newCalendar, components: ['VTODO', 'VEVENT', 'VTODO'] }),
  refuses('components as a string', { ...newCalendar, components: 'VTODO' }),
];

const choice = { remindersCalendar: 'http://127.0.0.1:9/alice/tasks/', appointmentsCalendar: null, shownCalendars: [] };
const chooseCalendars: Row[] = [
  accepts('a reminders calendar (not connected: nothing chosen)', choice, nothingChanges),
  accepts('none (keep everything on this computer)', { remindersCalendar: null, appointmentsCalendar: null, shownCalendars: [] }, nothingChanges),
  ...objectShape(choice, true),
  refuses("remindersCalendar '' (empty)", { ...choice, remindersCalendar: '' }),
  refuses('remindersCalendar of 3,000 characters', { ...choice, remindersCalendar: chars(3_000) }),
  refuses('no appointmentsCalendar (null says none)', { remindersCalendar: null, shownCalendars: [] }),
  refuses('shownCalendars null', { ...choice, shownCalendars: null }),
  refuses('201 shown calendars', { ...choice, shownCalendars: Array.from({ length: 201 }, (_, i) => `c${i}`) }),
  refuses('a shown calendar 42', { ...choice, shownCalendars: [42] }),
];

const importCalendar: Row[] = [
  ...objectShape({ fileId: MISSING }, true),
  ...idField('fileId', {}),
];

const MiB = 1024 * 1024;
const picture = { name: 'cat.png', size: 1_000, type: 'image/png', purpose: 'attachment' };
const chunk = { uploadId: MISSING, offset: 0, data: 'aGVsbG8=' };
/** The base64 of a 512 KiB chunk, the most one call carries. */
const CHUNK_CHARS = 699_052;

const beginUpload: Row[] = [
  accepts('a picture', picture),
  accepts('an empty file (size 0)', { ...picture, size: 0 }),
  accepts('an export of 500 MB to import', {
    name: 'export.zip',
    size: 500 * MiB,
    type: 'application/zip',
    purpose: 'import',
  }),
  accepts('a calendar of 3 MB to import', {
    name: 'holidays.ics',
    size: 3 * MiB,
    type: 'text/calendar',
    purpose: 'calendar',
  }),
  accepts(
    'a calendar that is a text file (for the handler to refuse in words)',
    { name: 'notes.txt', size: 100, type: 'text/plain', purpose: 'calendar' },
    nothingChanges,
  ),
  accepts('a file with no type', { ...picture, type: '' }),
  accepts(
    'a picture of 10 GB (for the handler to refuse in words)',
    { ...picture, size: 10_000 * MiB },
    nothingChanges,
  ),
  ...objectShape(picture, false),
  ...textField('name', { size: 1_000, type: 'image/png', purpose: 'attachment' }, 255, { changesNothing: false }),
  refuses('no size', { name: 'cat.png', type: 'image/png', purpose: 'attachment' }),
  refuses('size -1', { ...picture, size: -1 }),
  refuses('size 1.5', { ...picture, size: 1.5 }),
  refuses('size NaN', { ...picture, size: Number.NaN }),
  refuses('size 1e309 (Infinity)', { ...picture, size: Number('1e309') }),
  refuses("size '1000' (a string)", { ...picture, size: '1000' }),
  refuses('type of 201 characters', { ...picture, type: chars(201) }),
  refuses('no type', { name: 'cat.png', size: 1_000, purpose: 'attachment' }),
  refuses('no purpose', { name: 'cat.png', size: 1_000, type: 'image/png' }),
  refuses("purpose 'avatar' (not one Aide has)", { ...picture, purpose: 'avatar' }),
];

const uploadChunk: Row[] = [
  ...objectShape(chunk, true),
  ...idField('uploadId', { offset: 0, data: 'aGVsbG8=' }),
  ...countField('offset', { uploadId: MISSING, data: 'aGVsbG8=' }, 0, Number.MAX_SAFE_INTEGER, nothingChanges),
  accepts('a whole 512 KiB chunk', { ...chunk, data: 'A'.repeat(CHUNK_CHARS) }, nothingChanges),
  refuses('a chunk over 512 KiB', { ...chunk, data: 'A'.repeat(CHUNK_CHARS + 4) }),
  refuses("data '' (empty)", { ...chunk, data: '' }),
  refuses("data 'not base64!'", { ...chunk, data: 'not base64!' }),
  refuses('data as bytes in an array', { ...chunk, data: [104, 105] }),
  refuses('data null', { ...chunk, data: null }),
  refuses('no data', { uploadId: MISSING, offset: 0 }),
];

/** An attachment id is a SHA-256 in hex; this one names nothing. */
const UNKNOWN_ATTACHMENT = '0'.repeat(64);

const getAttachment: Row[] = [
  accepts('an unknown id', { id: UNKNOWN_ATTACHMENT }, nothingChanges),
  ...objectShape({ id: UNKNOWN_ATTACHMENT }, true),
  refuses('no id', {}),
  refuses("id '' (empty)", { id: '' }),
  refuses("id '../../settings.json' (a path)", { id: '../../settings.json' }),
  refuses('id in capitals (not how Aide writes a hash)', { id: 'A'.repeat(64) }),
  refuses('id of 63 characters', { id: '0'.repeat(63) }),
  refuses('id of 65 characters', { id: '0'.repeat(65) }),
  refuses("id '__proto__'", { id: '__proto__' }),
  refuses('id 42 (a number)', { id: 42 }),
  refuses('id null', { id: null }),
];

const setVisionTable: Row[] = [
  accepts('a model that sees pictures', { 'gpt-4o*': true }),
  accepts('a local model that does not', { 'llama3.1:8b': false }),
  accepts('an empty table', {}),
  accepts("a model named '__proto__' (dropped)", fromJson('{"__proto__":true,"gpt-4o":true}'), {
    handledAs: { 'gpt-4o': true },
  }),
  refuses('no payload', undefined),
  refuses('null', null),
  refuses('an array', [{ 'gpt-4o': true }]),
  refuses("a model named '' (empty)", { '': true }),
  refuses('a model name of 10,000 characters', { [chars(10_000)]: true }),
  refuses("'yes' for true", { 'gpt-4o': 'yes' }),
  refuses('1 for true', { 'gpt-4o': 1 }),
  refuses('null for unknown (leave the model out)', { 'gpt-4o': null }),
];
const search = { query: 'trip', limit: 20 };
const around = { ...missing, messageId: 'm1', before: 50, after: 50 };

/** Every operation of the contract; the table test checks none is missing. */
export const table: Record<OperationName, Row[]> = {
  getSettings: noPayload(true),
  updateSettings: settingsPatch,
  saveKey,
  removeKey: noPayload(false),
  listModels: noPayload(true),
  listConversations: noPayload(true),
  createConversation: noPayload(false),
  getConversation: [
    ...objectShape(missing, true),
    ...idField('id', {}),
    ...countField('limit', missing, 1, 100_000, { optional: true, changesNothing: true }),
  ],
  getOlderMessages: [
    ...objectShape({ ...missing, before: 'm1', limit: 100 }, true),
    ...idField('id', { before: 'm1', limit: 100 }),
    ...idField('before', { ...missing, limit: 100 }, { max: 200 }),
    ...countField('limit', { ...missing, before: 'm1' }, 1, 1_000, nothingChanges),
  ],
  renameConversation: [
    ...objectShape({ ...missing, title: 'Trip' }, true),
    ...idField('id', { title: 'Trip' }),
    // The title box in the sidebar takes at most 200 characters.
    ...textField('title', missing, 200, nothingChanges),
  ],
  deleteConversation: [...objectShape(missing, true), ...idField('id', {})],
  sendMessage: [
    ...objectShape({ conversationId: MISSING, text: 'hello' }, true),
    ...idField('conversationId', { text: 'hello' }),
    // A pasted document of up to 100,000 characters is a message.
    ...textField('text', { conversationId: MISSING }, 100_000, nothingChanges),
    accepts(
      'text with line breaks and emoji',
      { conversationId: MISSING, text: 'line one\nline two 😀' },
      nothingChanges,
    ),
    accepts(
      'an attachment',
      { conversationId: MISSING, text: 'hi', attachments: [UNKNOWN_ATTACHMENT] },
      nothingChanges,
    ),
    accepts('no attachments (empty list)', { conversationId: MISSING, text: 'hi', attachments: [] }, nothingChanges),
    accepts(
      'an attachment and no text',
      { conversationId: MISSING, text: '', attachments: [UNKNOWN_ATTACHMENT] },
      nothingChanges,
    ),
    refuses('no text and an empty list of attachments', { conversationId: MISSING, text: ' ', attachments: [] }),
    accepts(
      'ten attachments',
      { conversationId: MISSING, text: 'hi', attachments: Array.from({ length: 10 }, () => UNKNOWN_ATTACHMENT) },
      nothingChanges,
    ),
    refuses('eleven attachments', {
      conversationId: MISSING,
      text: 'hi',
      attachments: Array.from({ length: 11 }, () => UNKNOWN_ATTACHMENT),
    }),
    refuses("an attachment '../../settings.json' (a path)", {
      conversationId: MISSING,
      text: 'hi',
      attachments: ['../../settings.json'],
    }),
    refuses('attachments as one id, not a list', {
      conversationId: MISSING,
      text: 'hi',
      attachments: UNKNOWN_ATTACHMENT,
    }),
    refuses('attachments null', { conversationId: MISSING, text: 'hi', attachments: null }),
  ],
  retry: [...objectShape({ conversationId: MISSING }, true), ...idField('conversationId', {})],
  stop: [...objectShape({ conversationId: MISSING }, true), ...idField('conversationId', {})],
  getNotices: noPayload(true),
  listReminders: noPayload(true),
  listAppointments: noPayload(true),
  updateReminder: [
    accepts('only an id (nothing to change)', missing, nothingChanges),
    ...objectShape({ ...missing, title: 'Call mom' }, true),
    ...idField('id', { title: 'Call mom' }),
    // The edit box takes at most 500 characters.
    ...textField('title', missing, 500, { optional: true, changesNothing: true }),
    ...timeField('due', missing),
  ],
  snoozeReminder: [
    ...objectShape({ ...missing, minutes: 10 }, true),
    ...idField('id', { minutes: 10 }),
    // From a minute to a week; longer is a new due time, not a snooze.
    ...countField('minutes', missing, 1, 10_080, nothingChanges),
  ],
  completeReminder: [...objectShape(missing, true), ...idField('id', {})],
  deleteReminder: [...objectShape(missing, true), ...idField('id', {})],
  updateAppointment: [
    accepts('only an id (nothing to change)', missing, nothingChanges),
    ...objectShape({ ...missing, title: 'Dentist' }, true),
    ...idField('id', { title: 'Dentist' }),
    ...textField('title', missing, 500, { optional: true, changesNothing: true }),
    ...timeField('start', missing),
    ...timeField('end', missing),
    accepts(
      'an end before the start (for the handler to answer)',
      {
        ...missing,
        start: '2030-01-01T10:00:00+01:00',
        end: '2030-01-01T09:00:00+01:00',
      },
      nothingChanges,
    ),
  ],
  deleteAppointment: [...objectShape(missing, true), ...idField('id', {})],
  undo: [...objectShape({ token: MISSING }, true), ...idField('token', {})],
  answerConfirmation: [
    accepts('confirmed false', { ...missing, confirmed: false }, nothingChanges),
    ...objectShape({ ...missing, confirmed: true }, true),
    ...idField('id', { confirmed: true }),
    refuses('no confirmed', missing),
    refuses("confirmed 'true' (a string)", { ...missing, confirmed: 'true' }),
    refuses('confirmed 1', { ...missing, confirmed: 1 }),
    refuses('confirmed null', { ...missing, confirmed: null }),
  ],
  listFired: noPayload(true),
  quickAsk: [
    accepts('a reminder in words', { text: 'remind me to stretch in 10 minutes' }),
    ...objectShape({ text: 'remind me to stretch in 10 minutes' }, false),
    // The popup is for a line or two; 10,000 characters is its documented most.
    ...textField('text', {}, 10_000, { changesNothing: false }),
  ],
  showConversation: [...objectShape(missing, true), ...idField('id', {})],
  hideQuickAsk: noPayload(true),
  showQuickAsk: noPayload(true),
  pauseReminders: [
    ...objectShape({ minutes: 60 }, false),
    // "Pause reminders for 1 hour": up to a day; 0 resumes.
    ...countField('minutes', {}, 0, 1_440, { changesNothing: false }),
  ],
  getUsage: noPayload(true),
  exportUsageCsv: noPayload(true),
  getPrices: noPayload(true),
  setPrices,
  updateConversation,
  exportCalendar: noPayload(true),
  getCalendarSync: noPayload(true),
  connectCalendar,
  createCalendar,
  chooseCalendars,
  setCalendarSyncInterval: [
    ...objectShape({ minutes: 15 }, false),
    ...countField('minutes', {}, 1, 1_440, { changesNothing: false }),
  ],
  syncCalendarNow: noPayload(true),
  dismissFired,
  disconnectCalendar: noPayload(false),
  importCalendar,
  beginUpload,
  uploadChunk,
  finishUpload: [...objectShape({ uploadId: MISSING }, true), ...idField('uploadId', {})],
  cancelUpload: [...objectShape({ uploadId: MISSING }, true), ...idField('uploadId', {})],
  addAttachment: [...objectShape({ fileId: MISSING }, true), ...idField('fileId', {})],
  getAttachment,
  getVisionTable: noPayload(true),
  setVisionTable,
  searchConversations: [
    ...objectShape(search, true),
    // The search box takes a line; 500 characters is plenty for one.
    ...textField('query', { limit: 20 }, 500, nothingChanges),
    ...countField('limit', { query: 'trip' }, 1, 200, nothingChanges),
    ...timeField('from', search),
    ...timeField('to', search),
    ...textField('model', search, 200, { optional: true, changesNothing: true }),
  ],
  getMessagesAround: [
    ...objectShape(around, true),
    ...idField('id', { messageId: 'm1', before: 50, after: 50 }),
    ...idField('messageId', { ...missing, before: 50, after: 50 }, { max: 200 }),
    ...countField('before', { ...missing, messageId: 'm1', after: 50 }, 0, 1_000, nothingChanges),
    ...countField('after', { ...missing, messageId: 'm1', before: 50 }, 0, 1_000, nothingChanges),
  ],
  ...transferRows(),
};

/** Import (of a finished upload) and export (read back in chunks of at most 512 KiB). */
function transferRows() {
  const one = { scope: 'conversation', conversationId: MISSING, format: 'markdown' };
  return {
    // A finished upload of purpose 'import', by its id.
    importConversations: [...objectShape({ fileId: MISSING }, true), ...idField('fileId', {})],
    cancelConversationImport: [...objectShape({ importId: MISSING }, true), ...idField('importId', {})],
    exportConversations: [
      accepts('all conversations', { scope: 'all' }),
      accepts('one conversation as JSON', { ...one, format: 'json' }, nothingChanges),
      ...objectShape(one, true),
      ...idField('conversationId', { scope: 'conversation', format: 'markdown' }),
      refuses("format 'html'", { ...one, format: 'html' }),
      refuses('one conversation without a format', { scope: 'conversation', conversationId: MISSING }),
      refuses("scope 'everything'", { scope: 'everything' }),
      refuses('no scope', { conversationId: MISSING, format: 'markdown' }),
    ],
    readConversationExport: [
      ...objectShape({ exportId: MISSING, offset: 0 }, true),
      ...idField('exportId', { offset: 0 }),
      ...countField('offset', { exportId: MISSING }, 0, Number.MAX_SAFE_INTEGER, nothingChanges),
    ],
  } satisfies Partial<Record<OperationName, Row[]>>;
}

export const payloadCases: PayloadCase[] = Object.entries(table).flatMap(([op, rows]) =>
  rows.map((row) => ({ ...row, op: op as OperationName })),
);

export const caseName = (c: PayloadCase): string =>
  `${c.op}: ${c.verdict === 'accepted' ? 'accepts' : 'refuses'} ${c.what}`;

/** The first plainly accepted request of `op`, for calls that must still work after a hostile one. */
export const validRequest = (op: OperationName): unknown =>
  payloadCases.find((c) => c.op === op && c.verdict === 'accepted' && !('handledAs' in c))!.payload;
