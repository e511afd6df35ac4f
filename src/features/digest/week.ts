// ISO weeks as the digest names them: "2026-W47" is the week starting Monday 16 November 2026.
// What a digest covers (a week, a fortnight or a month) is period.ts's.
import { DateTime } from 'luxon';

export interface Week {
  /** The Monday the week starts on, YYYY-MM-DD. */
  weekStart: string;
  /** 2026-W47 */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week of a Monday (or of any date in the week). */
export function weekOf(date: string): Week {
  const day = DateTime.fromISO(date, { zone: 'utc' });
  if (!day.isValid) throw new RangeError('not a date');
  const monday = day.startOf('week');
  return { weekStart: monday.toISODate()!, label: `${monday.weekYear}-W${pad(monday.weekNumber)}` };
}

/** "2026-W47", "2026-w47", "2026W47", "2026-W7"; undefined for anything else, or a week the year does not have. */
export function parseWeek(text: string): Week | undefined {
  const match = /^\s*(\d{4})-?W(\d{1,2})\s*$/i.exec(text);
  if (!match) return undefined;
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  if (weekYear < 2000 || weekNumber < 1) return undefined;
  const monday = DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: 'utc' });
  if (!monday.isValid || monday.weekYear !== weekYear || monday.weekNumber !== weekNumber) return undefined;
  return { weekStart: monday.toISODate()!, label: `${weekYear}-W${pad(weekNumber)}` };
}

/** A Digest row's weekStart column (a date) as YYYY-MM-DD, and back. */
export const weekStartDate = (weekStart: string) => new Date(`${weekStart}T00:00:00.000Z`);
export const weekStartOf = (date: Date) => date.toISOString().slice(0, 10);
