// Pure rota rules: the weekly pattern and rotations turned into concrete shifts in the network's
// zone, who is on at an instant, and the gaps in cover. Rotation turns count calendar days, so a
// clock change never moves a handover. Written rules for clock changes (schedule.ts localInstant):
// - a shift starting (or ending) inside the missing hour starts (or ends) at the first valid minute
//   after the gap (Europe/London, last Sunday of March: 01:30 means 02:00 BST);
// - a shift starting (or ending) inside the repeated hour does so at its first occurrence (BST).
import { DateTime } from 'luxon';
import { localInstant } from '../../jobs/schedule.js';

export const positions = ['primary', 'backup'] as const;
export type Position = (typeof positions)[number];

export interface PatternRow {
  weekday: number;
  /** Minutes after local midnight. */
  startMinute: number;
  /** Minutes after local midnight; at or before the start (or 1440) means the next day. */
  endMinute: number;
  position: Position;
  coordinatorId: string;
}

export interface OneOffRow {
  position: Position;
  coordinatorId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

/**
 * People taking turns at a daily shift: a turn is a week (from `startsOn`, then every 7 days) or
 * one of the days the rotation runs (`weekdays`, ISO). `startsOn` is a date (UTC midnight).
 */
export interface RotationRow {
  name: string;
  position: Position;
  memberIds: string[];
  turn: 'week' | 'day';
  weekdays: number[];
  startMinute: number;
  endMinute: number;
  startsOn: Date;
}

export interface Shift {
  position: Position;
  coordinatorId: string;
  startsAt: Date;
  endsAt: Date;
  source: 'pattern' | 'rotation' | 'one-off';
  /** A rotation's name, or a one-off's reason (one-off, cover, swap). */
  label?: string;
}

export const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export const minuteText = (minute: number) =>
  `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** "18:30" -> 1110; undefined when not a time of day. */
export function parseMinute(text: string): number | undefined {
  const match = /^([01]?\d|2[0-3])[:.]?([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** "mon", "Monday", "1" -> 1 (ISO weekday). */
export function parseWeekday(text: string): number | undefined {
  const word = text.trim().toLowerCase();
  if (/^[1-7]$/.test(word)) return Number(word);
  const index = weekdays.findIndex((d) => word.length >= 2 && d.toLowerCase().startsWith(word));
  return index >= 0 ? index + 1 : undefined;
}

const dateOf = (day: DateTime) => ({ year: day.year, month: day.month, day: day.day });

interface DailyShift {
  startMinute: number;
  endMinute: number;
  position: Position;
  coordinatorId: string;
  label?: string;
}

/** Shifts made day by day in the zone (`on` gives a local day's shifts, by when they start), overlapping [from, to). */
function dailyShifts(
  from: Date,
  to: Date,
  zone: string,
  source: Shift['source'],
  on: (day: DateTime) => DailyShift[],
): Shift[] {
  const shifts: Shift[] = [];
  let day = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(to, { zone }).startOf('day');
  while (day <= last) {
    for (const row of on(day)) {
      const startsAt = localInstant(dateOf(day), minuteText(row.startMinute), zone);
      const overnight = row.endMinute <= row.startMinute || row.endMinute >= 1440;
      const endsAt = localInstant(
        dateOf(overnight ? day.plus({ days: 1 }) : day),
        minuteText(row.endMinute % 1440),
        zone,
      );
      if (endsAt > from && startsAt < to && endsAt > startsAt)
        shifts.push({
          position: row.position,
          coordinatorId: row.coordinatorId,
          startsAt,
          endsAt,
          source,
          ...(row.label ? { label: row.label } : {}),
        });
    }
    day = day.plus({ days: 1 });
  }
  return shifts.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The pattern's shifts that overlap [from, to). */
export function patternShifts(rows: readonly PatternRow[], from: Date, to: Date, zone: string): Shift[] {
  return dailyShifts(from, to, zone, 'pattern', (day) => rows.filter((row) => row.weekday === day.weekday));
}

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a calendar date (no clock changes in calendar arithmetic). */
const dayNumber = (date: { year: number; month: number; day: number }) =>
  Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
const isoWeekday = (dayNo: number) => ((((dayNo + 3) % 7) + 7) % 7) + 1;

/** Whose turn it is on a local date, or undefined when the rotation does not run that day. */
export function rotationHolder(
  row: RotationRow,
  date: { year: number; month: number; day: number },
): string | undefined {
  const first = Math.round(row.startsOn.getTime() / DAY_MS);
  const today = dayNumber(date);
  const elapsed = today - first;
  if (elapsed < 0 || !row.memberIds.length || !row.weekdays.includes(isoWeekday(today))) return undefined;
  let turn = Math.floor(elapsed / 7);
  if (row.turn === 'day') {
    // Each day the rotation runs is the next person's, so days it does not run skip nobody.
    turn *= row.weekdays.length;
    for (let d = first + Math.floor(elapsed / 7) * 7; d < today; d++) if (row.weekdays.includes(isoWeekday(d))) turn++;
  }
  return row.memberIds[turn % row.memberIds.length];
}

/** The rotations' shifts that overlap [from, to). */
export function rotationShifts(rows: readonly RotationRow[], from: Date, to: Date, zone: string): Shift[] {
  return dailyShifts(from, to, zone, 'rotation', (day) =>
    rows.flatMap((row) => {
      const coordinatorId = rotationHolder(row, dateOf(day));
      return coordinatorId
        ? [
            {
              startMinute: row.startMinute,
              endMinute: row.endMinute,
              position: row.position,
              coordinatorId,
              label: row.name,
            },
          ]
        : [];
    }),
  );
}

/** A one-off shift or cover as a shift (its reason is its label). */
export const oneOffShift = (s: OneOffRow): Shift => ({
  position: s.position,
  coordinatorId: s.coordinatorId,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  source: 'one-off',
  label: s.reason,
});

/** One position's standing shifts overlapping [from, to). */
const standingFor = (
  position: Position,
  rota: { pattern: readonly PatternRow[]; rotations: readonly RotationRow[] },
  from: Date,
  to: Date,
  zone: string,
) =>
  standingShifts(
    rota.pattern.filter((p) => p.position === position),
    rota.rotations.filter((r) => r.position === position),
    from,
    to,
    zone,
  );

/** The standing arrangements (weekly pattern and rotations) that overlap [from, to), by start. */
export function standingShifts(
  pattern: readonly PatternRow[],
  rotations: readonly RotationRow[],
  from: Date,
  to: Date,
  zone: string,
): Shift[] {
  return [...patternShifts(pattern, from, to, zone), ...rotationShifts(rotations, from, to, zone)].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime(),
  );
}

/** The rota as holderAt and coverGaps read it: the weekly pattern, one-offs, the zone, rotations. */
type RotaArgs = [
  pattern: readonly PatternRow[],
  oneOffs: readonly OneOffRow[],
  zone: string,
  rotations?: readonly RotationRow[],
];

/**
 * Who holds a position at an instant: a one-off shift or cover (the latest written wins) overrides
 * the standing arrangements (weekly pattern and rotations); among those the earliest-starting shift wins.
 */
export function holderAt(
  position: Position,
  at: Date,
  ...[pattern, oneOffs, zone, rotations = []]: RotaArgs
): Shift | undefined {
  const covering = oneOffs.filter((s) => s.position === position && s.startsAt <= at && at < s.endsAt);
  const last = covering[covering.length - 1];
  if (last) return oneOffShift(last);
  const minute = new Date(at.getTime() + 60_000);
  return standingFor(position, { pattern, rotations }, at, minute, zone).find((s) => s.startsAt <= at && at < s.endsAt);
}

export interface Gap {
  position: Position;
  from: Date;
  to: Date;
}

/** Periods in [from, to) when a position has nobody, pattern and one-off shifts together. */
export function coverGaps(
  position: Position,
  from: Date,
  to: Date,
  ...[pattern, oneOffs, zone, rotations = []]: RotaArgs
): Gap[] {
  const spans = [
    ...standingFor(position, { pattern, rotations }, from, to, zone),
    ...oneOffs.filter((s) => s.position === position && s.endsAt > from && s.startsAt < to),
  ]
    .map((s) => [Math.max(s.startsAt.getTime(), from.getTime()), Math.min(s.endsAt.getTime(), to.getTime())] as const)
    .sort((a, b) => a[0] - b[0]);
  const gaps: Gap[] = [];
  let cursor = from.getTime();
  for (const [start, end] of spans) {
    if (start > cursor) gaps.push({ position, from: new Date(cursor), to: new Date(start) });
    cursor = Math.max(cursor, end);
  }
  if (cursor < to.getTime()) gaps.push({ position, from: new Date(cursor), to });
  return gaps.filter((g) => g.to.getTime() - g.from.getTime() >= 60_000);
}
