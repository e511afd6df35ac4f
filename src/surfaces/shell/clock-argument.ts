// What `/clock ...` asks for in the terminal demo: show the time, move forward by an amount
// (`+15m`, `+2h`, `+1d`, `+1w`), or to the next weekday and time (`next monday 09:00`, read in
// the acting member's time zone). The demo clock only moves forward, by at least a minute and at
// most MAX_DAYS at a time, so a slip of the keyboard cannot skip months of reminders.
import { DateTime } from 'luxon';
import { localInstant } from '../../core/local-time.js';

export type ClockRequest = { kind: 'show' } | { kind: 'move'; to: Date } | { kind: 'refused'; message: string };

export const MAX_DAYS = 60;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Years are understood only to be refused as too far.
const UNITS: Record<string, number> = { m: MINUTE, h: 60 * MINUTE, d: DAY, w: 7 * DAY, y: 365 * DAY };
const UNIT_WORDS: Record<string, string> = {
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  day: 'd',
  days: 'd',
  week: 'w',
  weeks: 'w',
  year: 'y',
  years: 'y',
};
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export const CLOCK_USAGE =
  'Try /clock (the demo time now), /clock +15m, /clock +2h, /clock +1d or /clock next monday 09:00.';

const refused = (message: string): ClockRequest => ({ kind: 'refused', message });

export function parseClockArgument(text: string, now: Date, zone: string): ClockRequest {
  const words = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (words === '') return { kind: 'show' };
  const amount = /^([+-]) ?(\d{1,9}) ?([a-z]+)$/.exec(words);
  if (amount) {
    const [, sign, digits = '', word = ''] = amount;
    const unit = UNITS[word] ? word : UNIT_WORDS[word];
    if (!unit)
      return refused(
        `"${word.slice(0, 20)}" is not a unit I know: use m (minutes), h (hours), d (days) or w (weeks). ${CLOCK_USAGE}`,
      );
    if (sign === '-')
      return refused(
        'The demo clock only moves forward: what has happened stays happened. Start a fresh demo (delete .data) to begin again.',
      );
    const ms = Number(digits) * UNITS[unit]!;
    if (ms < MINUTE) return refused('Move it forward by at least one minute, for example /clock +15m.');
    if (ms > MAX_DAYS * DAY)
      return refused(
        `That is too far: the demo clock moves at most ${MAX_DAYS} days at a time (for example /clock +1w).`,
      );
    return { kind: 'move', to: new Date(now.getTime() + ms) };
  }
  const next = /^next ([a-z]+)(?: (?:at )?(\d{1,2}):(\d{2}))?$/.exec(words);
  if (next) {
    const [, dayWord = '', hh, mm] = next;
    const weekday = WEEKDAYS.findIndex((d) => d === dayWord || (dayWord.length >= 3 && d.startsWith(dayWord)));
    if (weekday < 0) return refused(`"${dayWord.slice(0, 20)}" is not a day of the week. ${CLOCK_USAGE}`);
    const hour = hh === undefined ? 9 : Number(hh);
    const minute = mm === undefined ? 0 : Number(mm);
    if (hour > 23 || minute > 59)
      return refused('The time should be HH:MM on a 24-hour clock, for example 09:00 or 17:30.');
    return { kind: 'move', to: nextWeekdayAt(now, weekday + 1, hour, minute, zone) };
  }
  if (/^-/.test(words)) return refused('The demo clock only moves forward: what has happened stays happened.');
  return refused(`I did not understand "${words.slice(0, 40)}". ${CLOCK_USAGE}`);
}

/** The first instant after `now` at which `zone`'s clock shows `weekday` (1 = Monday) at hour:minute. */
function nextWeekdayAt(now: Date, weekday: number, hour: number, minute: number, zone: string): Date {
  const today = DateTime.fromJSDate(now, { zone });
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  for (let ahead = 0; ; ahead++) {
    const day = today.plus({ days: ahead });
    if (day.weekday !== weekday) continue;
    const at = localInstant({ year: day.year, month: day.month, day: day.day }, time, zone);
    if (at > now) return at;
  }
}

/** How the demo time is shown: `Mon 23 Nov 2026, 09:00 (Europe/London)`. */
export function showDemoTime(at: Date, zone: string): string {
  return `${DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy, HH:mm')} (${zone})`;
}
