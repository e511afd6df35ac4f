// What one digest covers (DIGEST_PERIOD), in the network's time zone: an ISO week (Monday to Monday,
// "2026-W47"), a fortnight (two ISO weeks, paired from Monday 1 January 2024, "2026-W47–W48") or a
// calendar month ("2026-11"). The weekly job runs every DIGEST_DAY; it drafts when a period has
// just ended: every week, every second week, or on the first DIGEST_DAY of a month.
import { DateTime } from 'luxon';
import { localToInstant } from '../../core/local-time.js';
import { parseWeek, weekOf, weekStartOf, type Week } from './week.js';

export const periodKinds = ['weekly', 'fortnightly', 'monthly'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface Period extends Week {
  kind: PeriodKind;
  /** The day after the period's last, YYYY-MM-DD. */
  end: string;
}

const FORTNIGHT_ANCHOR = DateTime.fromISO('2024-01-01', { zone: 'utc' });
const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

export function periodOf(kind: PeriodKind, start: string): Period {
  const from = day(start);
  switch (kind) {
    case 'weekly':
      return { kind, ...weekOf(start), end: from.plus({ weeks: 1 }).toISODate()! };
    case 'fortnightly': {
      const first = weekOf(start);
      const second = weekOf(from.plus({ weeks: 1 }).toISODate()!);
      const sameYear = first.label.slice(0, 4) === second.label.slice(0, 4);
      return {
        kind,
        weekStart: first.weekStart,
        label: `${first.label}–${sameYear ? second.label.slice(5) : second.label}`,
        end: from.plus({ weeks: 2 }).toISODate()!,
      };
    }
    case 'monthly':
      return {
        kind,
        weekStart: from.startOf('month').toISODate()!,
        label: from.toFormat('yyyy-MM'),
        end: from.startOf('month').plus({ months: 1 }).toISODate()!,
      };
  }
}

/** A Digest row's period: its first day and kind as stored (rows from before periods are weekly). */
export const periodOfRow = (row: { weekStart: Date; period: string }): Period =>
  periodOf(periodKinds.find((k) => k === row.period) ?? 'weekly', weekStartOf(row.weekStart));

/** The period whose draft falls due with the weekly run at `at`, or undefined when none has just ended. */
export function periodDueAt(kind: PeriodKind, at: Date, zone: string): Period | undefined {
  const local = DateTime.fromJSDate(at, { zone });
  const monday = day(local.startOf('week').toISODate()!);
  switch (kind) {
    case 'weekly':
      return periodOf(kind, monday.minus({ weeks: 1 }).toISODate()!);
    case 'fortnightly': {
      const weeks = Math.round(monday.diff(FORTNIGHT_ANCHOR, 'weeks').weeks);
      return weeks % 2 === 0 ? periodOf(kind, monday.minus({ weeks: 2 }).toISODate()!) : undefined;
    }
    case 'monthly':
      return local.day <= 7
        ? periodOf(kind, day(local.startOf('month').toISODate()!).minus({ months: 1 }).toISODate()!)
        : undefined;
  }
}

/** The instants the period starts and ends at in `zone` (clock changes included). */
export const periodRange = (period: Period, zone: string): { from: Date; to: Date } => ({
  from: localToInstant(period.weekStart, { hour: 0, minute: 0 }, zone),
  to: localToInstant(period.end, { hour: 0, minute: 0 }, zone),
});

/** "16–29 November 2026", "30 November – 13 December 2026" */
export function periodSpan(period: Period): string {
  const from = day(period.weekStart);
  const to = day(period.end).minus({ days: 1 });
  if (from.year !== to.year) return `${from.toFormat('d MMMM yyyy')} – ${to.toFormat('d MMMM yyyy')}`;
  return from.month === to.month
    ? `${from.day}–${to.toFormat('d MMMM yyyy')}`
    : `${from.toFormat('d MMMM')} – ${to.toFormat('d MMMM yyyy')}`;
}

/** What a reader may ask for: a week ("2026-W47", any period containing it) or a month ("2026-11"). */
export function parsePeriodAsked(text: string): { day: string; label: string } | undefined {
  const week = parseWeek(text);
  if (week) return { day: week.weekStart, label: week.label };
  const month = /^\s*(\d{4})-(0[1-9]|1[0-2])\s*$/.exec(text);
  if (!month || Number(month[1]) < 2000) return undefined;
  return { day: `${month[1]}-${month[2]}-01`, label: `${month[1]}-${month[2]}` };
}

export const periodWords: Record<PeriodKind, string> = { weekly: 'week', fortnightly: 'fortnight', monthly: 'month' };

/** How a reader names this period to /digest: its month, or its first week. */
export const periodRef = (period: Period): string =>
  period.kind === 'monthly' ? period.label : weekOf(period.weekStart).label;
