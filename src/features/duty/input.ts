// Reading what coordinators type for the rota: lists of people, the days a rotation runs, dates
// and local date-times. Each returns undefined for anything it does not read, never a guess.
import { parseMinute, parseWeekday } from './policy.js';

export interface LocalDay {
  year: number;
  month: number;
  day: number;
}

/** "Sam, Bo, Cy" (commas, or " and " before the last) -> the names in order; undefined when none. */
export function parseMemberList(text: string): string[] | undefined {
  const names = text
    .split(/,|\s+and\s+/i)
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length && names.length <= 20 && names.every((n) => n.length <= 100) ? names : undefined;
}

const named: Record<string, number[]> = {
  daily: [1, 2, 3, 4, 5, 6, 7],
  'every day': [1, 2, 3, 4, 5, 6, 7],
  all: [1, 2, 3, 4, 5, 6, 7],
  weekdays: [1, 2, 3, 4, 5],
  weekends: [6, 7],
};

/** "mon-fri", "sat,sun", "mon, wed, fri", "fri-mon", "weekdays", "weekends", "daily" -> ISO weekdays, sorted. */
export function parseWeekdays(text: string): number[] | undefined {
  // Own keys only: "__proto__" or "constructor" typed as days is not a list of days.
  const key = text.trim().toLowerCase();
  const whole = Object.hasOwn(named, key) ? named[key] : undefined;
  if (whole) return whole;
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [a, b, ...rest] = part.split('-').map((w) => w.trim());
    const first = parseWeekday(a ?? '');
    if (!first || rest.length) return undefined;
    if (b === undefined) {
      days.add(first);
      continue;
    }
    const last = parseWeekday(b);
    if (!last) return undefined;
    for (let d = first; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === last) break;
    }
  }
  return days.size ? [...days].sort((x, y) => x - y) : undefined;
}

/** "2026-12-24" -> that date, if it exists. */
export function parseDate(text: string): LocalDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day
    ? { year, month, day }
    : undefined;
}

/** "2026-12-24 18:00" (or with a T) -> the date and the minute of the day. */
export function parseDateTime(text: string): { date: LocalDay; minute: number } | undefined {
  const match = /^(\S+)[ T](\d{1,2}:\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const date = parseDate(match[1]!);
  const minute = parseMinute(match[2]!);
  return date && minute !== undefined ? { date, minute } : undefined;
}

export const dayText = (d: LocalDay) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
