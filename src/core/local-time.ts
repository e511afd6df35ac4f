// Wall-clock times in a member's or the network's IANA zone, with one written rule for clock
// changes: an instant is the earliest at which the local clock shows the wanted time or later on
// that date. So a time inside the missing hour (clocks go forward) means the first valid minute
// after the gap, and a time inside the repeated hour (clocks go back) means its first occurrence.
import { IANAZone } from 'luxon';

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

export interface LocalTime {
  hour: number;
  minute: number;
}

/** The same, for a YYYY-MM-DD date and an hour and minute. */
export function localToInstant(date: string, time: LocalTime, zone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return localInstant(
    { year, month, day },
    `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`,
    zone,
  );
}
