// Recurring schedules in a member's wall-clock time, stored with their IANA zone, computed with
// luxon's zone data. The one rule, which settles both daylight-saving cases:
//   an occurrence is the earliest instant at which the local clock shows the wanted time or later
//   on that date.
// So a time inside the missing hour (Europe/London, last Sunday of March, 01:00-01:59) runs at the
// first valid minute after it (02:00 BST), and a time inside the repeated hour (last Sunday of
// October, 01:00-01:59 twice) runs once, at its first occurrence (BST).
// After downtime only the next occurrence after now is created: a series never piles up.
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm');
const zone = z.string().refine((name) => IANAZone.isValidZone(name), 'must be an IANA time zone');

export const scheduleSchema = z.discriminatedUnion('every', [
  z.object({ every: z.literal('day'), time: hhmm, zone }),
  /** weekday: 1 = Monday … 7 = Sunday (ISO). */
  z.object({ every: z.literal('week'), weekday: z.number().int().min(1).max(7), time: hhmm, zone }),
]);

export type Schedule = z.infer<typeof scheduleSchema>;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The instant `zone`'s clock first shows `time` (or later, inside a gap) on `date`. */
export function localInstant(date: LocalDate, time: string, zoneName: string): Date {
  const tz = IANAZone.create(zoneName);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const before = tz.offset(wall - DAY);
  const after = tz.offset(wall + DAY);
  const valid = [before, tz.offset(wall), after]
    .map((offset) => ({ offset, at: wall - offset * MINUTE }))
    .filter(({ offset, at }) => tz.offset(at) === offset)
    .map(({ at }) => at);
  if (valid.length) return new Date(Math.min(...valid));
  // In a gap: the clock jumps from before `wall` to after it; the jump is the first valid minute.
  let low = wall - after * MINUTE;
  let high = wall - before * MINUTE;
  while (high - low > MINUTE) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (tz.offset(mid) === after) high = mid;
    else low = mid;
  }
  return new Date(high);
}

/** The first occurrence of `schedule` strictly after `after`. */
export function nextOccurrence(schedule: Schedule, after: Date): Date {
  const start = DateTime.fromJSDate(after, { zone: schedule.zone }).startOf('day');
  for (let offset = -1; offset <= 8; offset++) {
    const day = start.plus({ days: offset });
    if (schedule.every === 'week' && day.weekday !== schedule.weekday) continue;
    const at = localInstant({ year: day.year, month: day.month, day: day.day }, schedule.time, schedule.zone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error('no occurrence within eight days');
}
