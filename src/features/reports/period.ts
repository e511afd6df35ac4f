// A report's period: two calendar days in the network's zone, checked the same way in chat, on the
// page and in the export. Pure.
import { DateTime } from 'luxon';

export interface Period {
  /** First and last day, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** The instants the period covers: [start, end). */
  start: Date;
  end: Date;
  /** Set when `to` was after today and the period stops at today. */
  cutToToday?: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period asked for, or a kind sentence naming what is wrong. Defaults: 1 January this year to today. */
export function parsePeriod(
  input: { from?: string; to?: string },
  now: Date,
  zone: string,
): Period | { problem: string } {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const read = (text: string | undefined, name: string, fallback: DateTime): DateTime | string => {
    if (text === undefined || text.trim() === '') return fallback;
    const t = text.trim();
    const day = DAY.test(t) ? DateTime.fromFormat(t, 'yyyy-MM-dd', { zone }) : undefined;
    if (!day?.isValid)
      return `The ${name} date "${t.slice(0, 20)}" is not a date; write it as YYYY-MM-DD, like ${today.toFormat('yyyy-MM-dd')}.`;
    if (day.year < 2000) return `The ${name} date ${t} is too far in the past.`;
    return day;
  };
  const from = read(input.from, 'from', today.startOf('year'));
  if (typeof from === 'string') return { problem: from };
  const to = read(input.to, 'to', today);
  if (typeof to === 'string') return { problem: to };
  if (to < from)
    return {
      problem: `The period ends (${to.toFormat('yyyy-MM-dd')}) before it starts (${from.toFormat('yyyy-MM-dd')}); give the earlier date first.`,
    };
  if (from > today)
    return {
      problem: `The period starting ${from.toFormat('yyyy-MM-dd')} is in the future; nothing can be reported for it yet.`,
    };
  const last = DateTime.min(to, today);
  return {
    from: from.toFormat('yyyy-MM-dd'),
    to: last.toFormat('yyyy-MM-dd'),
    start: from.toJSDate(),
    end: last.plus({ days: 1 }).toJSDate(),
    ...(to > today && { cutToToday: true }),
  };
}
