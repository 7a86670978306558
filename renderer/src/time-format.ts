// Dates and times as the user reads them, in the browser's time zone: "Today 17:00", "Tue 1 Dec 15:00".
// Pure: the current time comes in as `now`, and tests may pin the zone.

export interface Viewpoint {
  now: Date;
  /** IANA zone; the browser's own when absent. */
  timeZone?: string;
}

interface Civil {
  /** `YYYY-MM-DD`, the calendar day in the zone. */
  key: string;
  year: number;
  time: string;
  label: string;
}

const formats = new Map<string, { numeric: Intl.DateTimeFormat; words: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string | undefined) {
  const name = timeZone ?? '';
  let found = formats.get(name);
  if (!found) {
    found = {
      numeric: new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      words: new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }),
    };
    formats.set(name, found);
  }
  return found;
}

function civil(date: Date, timeZone: string | undefined): Civil {
  const { numeric, words } = formatsFor(timeZone);
  const part: Record<string, string> = {};
  for (const { type, value } of numeric.formatToParts(date)) part[type] = value;
  const label: Record<string, string> = {};
  for (const { type, value } of words.formatToParts(date)) label[type] = value;
  return {
    key: `${part.year}-${part.month}-${part.day}`,
    year: Number(part.year),
    time: `${part.hour}:${part.minute}`,
    label: `${label.weekday} ${label.day} ${label.month}`,
  };
}

/** The calendar day `days` after `key`. */
function addDays(key: string, days: number): string {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

const asDate = (value: string | Date): Date => (typeof value === 'string' ? new Date(value) : value);

/** The calendar day, `YYYY-MM-DD`, a time falls on in the zone; what lists group by. */
export function dayKey(value: string | Date, timeZone?: string): string {
  return civil(asDate(value), timeZone).key;
}

/** "15:00" */
export function formatTime(value: string | Date, timeZone?: string): string {
  return civil(asDate(value), timeZone).time;
}

/** "Tue 1 Dec", with the year when it is not this year. */
export function formatDate(value: string | Date, viewpoint: Viewpoint): string {
  const at = civil(asDate(value), viewpoint.timeZone);
  const today = civil(viewpoint.now, viewpoint.timeZone);
  return at.year === today.year ? at.label : `${at.label} ${at.year}`;
}

/** "Today", "Tomorrow", "Yesterday", or "Tue 1 Dec". */
export function formatDay(value: string | Date, viewpoint: Viewpoint): string {
  const key = dayKey(value, viewpoint.timeZone);
  const today = dayKey(viewpoint.now, viewpoint.timeZone);
  if (key === today) return 'Today';
  if (key === addDays(today, 1)) return 'Tomorrow';
  if (key === addDays(today, -1)) return 'Yesterday';
  return formatDate(value, viewpoint);
}

/** "Today 17:00", "Tomorrow 09:00", "Tue 1 Dec 15:00". */
export function formatWhen(value: string | Date, viewpoint: Viewpoint): string {
  return `${formatDay(value, viewpoint)} ${formatTime(value, viewpoint.timeZone)}`;
}

/** Always the date itself, for records that outlive today: "Tue 1 Dec 15:00". */
export function formatDateTime(value: string | Date, viewpoint: Viewpoint): string {
  return `${formatDate(value, viewpoint)} ${formatTime(value, viewpoint.timeZone)}`;
}

/** "15:00–16:00"; an end on another day carries its date: "23:00 – Wed 2 Dec 01:00". */
export function formatRange(start: string | Date, end: string | Date, viewpoint: Viewpoint): string {
  const from = formatTime(start, viewpoint.timeZone);
  if (dayKey(start, viewpoint.timeZone) === dayKey(end, viewpoint.timeZone)) {
    return `${from}–${formatTime(end, viewpoint.timeZone)}`;
  }
  return `${from} – ${formatDateTime(end, viewpoint)}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The value an `<input type="datetime-local">` shows for a time, in the browser's zone. */
export function toLocalInput(value: string | Date): string {
  const d = asDate(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An `<input type="datetime-local">` value as ISO 8601 with the browser's offset, or null when incomplete. */
export function fromLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const d = new Date(year, month - 1, day, hour, minute);
  if (Number.isNaN(d.getTime())) return null;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Minutes from `now` until the next day's `hour`:00 in the browser's zone, at least 1. */
export function minutesUntilTomorrowAt(hour: number, now: Date): number {
  const target = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, hour, 0);
  return Math.max(1, Math.ceil((target.getTime() - now.getTime()) / 60_000));
}
