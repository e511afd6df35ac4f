// Recurring schedules in a member's wall-clock time, stored with their IANA zone, computed with
// luxon's zone data. The one rule, which settles both daylight-saving cases:
//   an occurrence is the earliest instant at which the local clock shows the wanted time or later
//   on that date.
// So a time inside the missing hour (Europe/London, last Sunday of March, 01:00-01:59) runs at the
// first valid minute after it (02:00 BST), and a time inside the repeated hour (last Sunday of
// October, 01:00-01:59 twice) runs once, at its first occurrence (BST).
// After downtime only the next occurrence after now is created: a series never piles up.
import { DateTime, IANAZone } from 'luxon';
import { localInstant } from '../core/local-time.js';
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm');
const zone = z.string().refine((name) => IANAZone.isValidZone(name), 'must be an IANA time zone');

export const scheduleSchema = z.discriminatedUnion('every', [
  z.object({ every: z.literal('day'), time: hhmm, zone }),
  /** weekday: 1 = Monday … 7 = Sunday (ISO). */
  z.object({ every: z.literal('week'), weekday: z.number().int().min(1).max(7), time: hhmm, zone }),
]);

export type Schedule = z.infer<typeof scheduleSchema>;

export { localInstant, type LocalDate } from '../core/local-time.js';

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
