// Wall-clock times in a member's or the network's IANA zone, with written rules for clock changes:
// - a time inside the missing hour (clocks go forward) means the first valid minute after the gap;
// - a time inside the repeated hour (clocks go back) means its first occurrence.
import { DateTime } from 'luxon';

export interface LocalTime {
  hour: number;
  minute: number;
}

/** The instant at which `date` (YYYY-MM-DD) shows `time` on the wall clock in `zone`. */
export function localToInstant(date: string, time: LocalTime, zone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wanted = { year, month, day, hour: time.hour, minute: time.minute };
  // Every candidate offset the zone uses around that day; keep those that show the wanted time.
  const noon = DateTime.fromObject({ year, month, day, hour: 12 }, { zone });
  const offsets = [...new Set([noon.minus({ days: 1 }).offset, noon.offset, noon.plus({ days: 1 }).offset])];
  const matches = offsets
    .map((offset) => DateTime.fromObject(wanted, { zone: 'utc' }).minus({ minutes: offset }))
    .filter((instant) => {
      const shown = instant.setZone(zone);
      return shown.hour === time.hour && shown.minute === time.minute && shown.day === day;
    })
    .sort((a, b) => a.toMillis() - b.toMillis());
  if (matches[0]) return matches[0].toJSDate();
  // In the gap: the first minute the wall clock shows after it.
  let probe = DateTime.fromObject(wanted, { zone: 'utc' }).minus({ minutes: Math.max(...offsets) });
  while (probe.setZone(zone).hour * 60 + probe.setZone(zone).minute < time.hour * 60 + time.minute && probe.setZone(zone).day === day) {
    probe = probe.plus({ minutes: 1 });
  }
  return probe.toJSDate();
}

/** The local calendar date (YYYY-MM-DD) of an instant in `zone`. */
export const localDate = (at: Date, zone: string): string => DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd');
