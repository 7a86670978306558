// A recurrence rule in English words, e.g. "every Monday and Wednesday at 18:30", for the
// reminder list and the model.
import { DAY_MS, SECOND_MS, civilFromDay, weekdayOfDay } from './calendar-days';
import { parseRule } from './rrule-parse';
import { anchorOf } from './start-anchor';
import { instantToWall } from './zone-offsets';

const ALL_WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The rule in words in English, e.g. "every day at 17:00", "every weekday at 09:00", "every Monday and Wednesday at 18:30", "every 2 weeks on Friday at 08:00", "every month on the 31st at 10:00 (skips shorter months)", "on the last day of every month at 10:00", "every 30 minutes", "every 3 hours", "every year on 5 March at 09:00". */
export function describeRecurrence(rrule: string, start: string, timeZone: string): string {
  const rule = parseRule(rrule);
  const anchor = anchorOf(start, timeZone);
  const time = `at ${clockText(anchor.timeOfDayMs)}`;
  const every = (unit: string): string => (rule.interval === 1 ? `every ${unit}` : `every ${rule.interval} ${unit}s`);
  const startDate = civilFromDay(anchor.day);
  let text: string;
  switch (rule.freq) {
    case 'MINUTELY':
      text = every('minute');
      break;
    case 'HOURLY':
      text = every('hour');
      break;
    case 'DAILY': {
      const days = rule.byDay ?? ALL_WEEKDAYS;
      if (days.length === 7) text = `${every('day')} ${time}`;
      else if (rule.interval === 1) text = `every ${weekdaysText(days)} ${time}`;
      else text = `${every('day')} ${time}, only on ${joinWords(weekdayNames(days), 'or')}`;
      break;
    }
    case 'WEEKLY': {
      const days = rule.byDay ?? [weekdayOfDay(anchor.day)];
      if (rule.interval === 1) text = `every ${weekdaysText(days)} ${time}`;
      else if (days.length === 7) text = `${every('week')}, every day of the week, ${time}`;
      else if (isWorkWeek(days)) text = `${every('week')} on weekdays ${time}`;
      else text = `${every('week')} on ${joinWords(weekdayNames(days), 'and')} ${time}`;
      break;
    }
    case 'MONTHLY': {
      const days = rule.byMonthDay ?? [startDate.day];
      if (days.length === 1 && days[0] === -1) {
        text = `on the last day of ${every('month')} ${time}`;
      } else {
        const names = days.map((d) => (d === -1 ? 'last day' : `${d}${ordinalSuffix(d)}`));
        const skips = days.some((d) => d >= 29) ? ' (skips shorter months)' : '';
        text = `${every('month')} on the ${joinWords(names, 'and')} ${time}${skips}`;
      }
      break;
    }
    case 'YEARLY': {
      const leapOnly = startDate.month === 2 && startDate.day === 29 ? ' (skips non-leap years)' : '';
      text = `${every('year')} on ${startDate.day} ${MONTH_NAMES[startDate.month - 1]} ${time}${leapOnly}`;
      break;
    }
  }
  if (rule.count !== null) text += rule.count === 1 ? ', once' : `, ${rule.count} times`;
  if (rule.until !== null) {
    const lastDay =
      rule.until.kind === 'day' ? rule.until.day : Math.floor(instantToWall(anchor.zone, rule.until.ms) / DAY_MS);
    const d = civilFromDay(lastDay);
    text += `, until ${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
  }
  return text;
}

function clockText(timeOfDayMs: number): string {
  const totalSeconds = Math.floor(timeOfDayMs / SECOND_MS);
  const hh = pad2(Math.floor(totalSeconds / 3600));
  const mm = pad2(Math.floor(totalSeconds / 60) % 60);
  const ss = totalSeconds % 60;
  return ss === 0 ? `${hh}:${mm}` : `${hh}:${mm}:${pad2(ss)}`;
}

/** "day", "weekday" or the names, to follow "every". */
function weekdaysText(days: number[]): string {
  if (days.length === 7) return 'day';
  if (isWorkWeek(days)) return 'weekday';
  return joinWords(weekdayNames(days), 'and');
}

function isWorkWeek(days: number[]): boolean {
  return days.join() === '0,1,2,3,4';
}

function weekdayNames(days: number[]): string[] {
  return days.map((d) => WEEKDAY_NAMES[d] ?? '');
}

function joinWords(words: string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
