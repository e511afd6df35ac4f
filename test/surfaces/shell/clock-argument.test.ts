// The /clock argument parser: forward only, by a bounded amount, to a wall-clock time in the member's zone.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MAX_DAYS, parseClockArgument } from '../../../src/surfaces/shell/clock-argument.js';

const MINUTE = 60_000;
const now = new Date('2026-11-24T10:00:00Z');
const zone = 'Europe/London';
const units = { m: MINUTE, h: 60 * MINUTE, d: 1440 * MINUTE, w: 7 * 1440 * MINUTE } as const;
const instants = fc.date({
  min: new Date('2026-01-01T00:00:00Z'),
  max: new Date('2028-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

describe('/clock arguments', () => {
  it('moves forward by exactly the amount asked, within the limits', () => {
    fc.assert(
      fc.property(
        instants,
        fc.constantFrom(...(Object.keys(units) as (keyof typeof units)[])),
        fc.integer({ min: 1, max: 90_000 }),
        (at, unit, n) => {
          const result = parseClockArgument(`+${n}${unit}`, at, zone);
          const ms = n * units[unit];
          if (ms <= MAX_DAYS * units.d) expect(result).toEqual({ kind: 'move', to: new Date(at.getTime() + ms) });
          else expect(result).toMatchObject({ kind: 'refused', message: expect.stringContaining('too far') });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('finds the next weekday and time on the member’s clock, within a week ahead', () => {
    fc.assert(
      fc.property(
        instants,
        fc.constantFrom(...days),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Kolkata'),
        (at, day, hour, minute, tz) => {
          const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const result = parseClockArgument(`next ${day} ${hhmm}`, at, tz);
          if (result.kind !== 'move') throw new Error(`not a move: ${JSON.stringify(result)}`);
          expect(result.to.getTime()).toBeGreaterThan(at.getTime());
          expect(result.to.getTime() - at.getTime()).toBeLessThanOrEqual(8 * units.d);
          const local = DateTime.fromJSDate(result.to, { zone: tz });
          expect(local.weekday).toBe(days.indexOf(day) + 1);
          // Inside a clock change's missing hour it is the first minute after the gap.
          if (local.toFormat('HH:mm') !== hhmm) expect(local.offset).not.toBe(local.minus({ hours: 2 }).offset);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('never moves backwards, whatever is typed', () => {
    fc.assert(
      fc.property(instants, fc.string({ maxLength: 30 }), (at, text) => {
        const result = parseClockArgument(text, at, zone);
        if (result.kind === 'move') expect(result.to.getTime()).toBeGreaterThan(at.getTime());
        if (result.kind === 'refused') expect(result.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom('m', 'h', 'd', 'w', ' minutes', 'hours'),
        (n, unit) => {
          expect(parseClockArgument(`-${n}${unit}`, now, zone)).toMatchObject({
            kind: 'refused',
            message: expect.stringContaining('only moves forward'),
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it.each([
    ['', { kind: 'show' }],
    ['+15m', { kind: 'move', to: new Date('2026-11-24T10:15:00Z') }],
    ['+2h', { kind: 'move', to: new Date('2026-11-24T12:00:00Z') }],
    ['+1d', { kind: 'move', to: new Date('2026-11-25T10:00:00Z') }],
    ['+ 3 hours', { kind: 'move', to: new Date('2026-11-24T13:00:00Z') }],
    ['next monday 09:00', { kind: 'move', to: new Date('2026-11-30T09:00:00Z') }],
    ['Next Tue', { kind: 'move', to: new Date('2026-12-01T09:00:00Z') }],
    ['next tuesday 10:30', { kind: 'move', to: new Date('2026-11-24T10:30:00Z') }],
  ])('reads %j', (text, expected) => {
    expect(parseClockArgument(text, now, zone)).toEqual(expected);
  });

  it.each([
    ['-1h', 'only moves forward'],
    ['+0m', 'at least one minute'],
    ['+99y', 'too far'],
    ['+61d', 'too far'],
    ['+5 fortnights', 'not a unit'],
    ['next someday', 'not a day of the week'],
    ['next monday 25:00', 'HH:MM'],
    ['soon', 'I did not understand "soon"'],
  ])('answers %j clearly', (text, words) => {
    const result = parseClockArgument(text, now, zone);
    expect(result.kind).toBe('refused');
    expect(result.kind === 'refused' && result.message).toContain(words);
  });
});
