// Rotations as pure rules: whose turn it is at any instant in Europe/London, across both clock
// changes, and the parsers for what coordinators type (property tests, bounded runs).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate, parseDateTime, parseMemberList, parseWeekdays } from '../../../src/features/duty/input.js';
import {
  coverGaps,
  holderAt,
  rotationHolder,
  rotationShifts,
  type RotationRow,
} from '../../../src/features/duty/policy.js';
import { effectiveShifts } from '../../../src/features/duty/timeline.js';

const zone = 'Europe/London';
const every = [1, 2, 3, 4, 5, 6, 7];
// sam, bo and cy take a week each, a 24-hour day from 09:00 to 09:00; the first turn starts Sunday 15 March 2026.
const weekly: RotationRow = {
  name: 'nights',
  position: 'primary',
  memberIds: ['sam', 'bo', 'cy'],
  turn: 'week',
  weekdays: every,
  startMinute: 540,
  endMinute: 540 + 1440,
  startsOn: new Date('2026-03-15T00:00:00Z'),
};
const who = (at: string, rows: RotationRow[] = [weekly]) =>
  holderAt('primary', new Date(at), [], [], zone, rows)?.coordinatorId;

describe('a three-week rotation across the Europe/London clock changes', () => {
  it('hands over at 09:00 local on the Sunday the clocks go forward (29 March 2026)', () => {
    expect([who('2026-03-28T08:59:00Z'), who('2026-03-28T09:00:00Z')]).toEqual(['bo', 'bo']); // Saturday, GMT
    expect([who('2026-03-29T07:59:00Z'), who('2026-03-29T08:00:00Z')]).toEqual(['bo', 'cy']); // Sunday 08:59 and 09:00 BST
    expect([who('2026-03-30T07:59:00Z'), who('2026-03-30T08:00:00Z')]).toEqual(['cy', 'cy']); // Monday, BST
    const [saturday] = rotationShifts(
      [weekly],
      new Date('2026-03-28T12:00:00Z'),
      new Date('2026-03-28T12:01:00Z'),
      zone,
    );
    expect([saturday!.startsAt.toISOString(), saturday!.endsAt.toISOString()]).toEqual([
      '2026-03-28T09:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
    ]); // 23 hours
  });

  it('hands over at 09:00 local on the Sunday the clocks go back (25 October 2026), the repeated hour in the outgoing turn', () => {
    expect([who('2026-10-24T07:59:00Z'), who('2026-10-24T08:00:00Z')]).toEqual(['bo', 'bo']); // Saturday 08:59 and 09:00 BST
    expect([who('2026-10-25T00:30:00Z'), who('2026-10-25T01:30:00Z')]).toEqual(['bo', 'bo']); // 01:30 BST and 01:30 GMT
    expect([who('2026-10-25T08:59:00Z'), who('2026-10-25T09:00:00Z')]).toEqual(['bo', 'cy']); // Sunday 08:59 and 09:00 GMT
    expect([who('2026-10-26T08:59:00Z'), who('2026-10-26T09:00:00Z')]).toEqual(['cy', 'cy']); // Monday, GMT
    const [saturday] = rotationShifts(
      [weekly],
      new Date('2026-10-24T12:00:00Z'),
      new Date('2026-10-24T12:01:00Z'),
      zone,
    );
    expect(saturday!.endsAt.getTime() - saturday!.startsAt.getTime()).toBe(25 * 3_600_000);
  });

  it('has nobody on before the first turn, and the next person each week after', () => {
    expect(who('2026-03-15T08:59:00Z')).toBeUndefined();
    expect(
      ['2026-03-15T09:00:00Z', '2026-03-22T09:00:00Z', '2026-03-29T08:00:00Z', '2026-04-05T08:00:00Z'].map((at) =>
        who(at),
      ),
    ).toEqual(['sam', 'bo', 'cy', 'sam']);
  });

  it('takes daily turns over the days the rotation runs only (weekday evenings)', () => {
    const evenings: RotationRow = {
      ...weekly,
      name: 'evenings',
      turn: 'day',
      weekdays: [1, 2, 3, 4, 5],
      startMinute: 18 * 60,
      endMinute: 22 * 60,
      startsOn: new Date('2026-11-23T00:00:00Z'),
    };
    const days = ['23', '24', '25', '26', '27', '28', '29', '30'].map((d) => who(`2026-11-${d}T19:00:00Z`, [evenings]));
    expect(days).toEqual(['sam', 'bo', 'cy', 'sam', 'bo', undefined, undefined, 'cy']);
    expect(who('2026-11-23T22:00:00Z', [evenings])).toBeUndefined();
  });

  it('counts a rotation as cover in the daily gap check', () => {
    const gaps = coverGaps(
      'primary',
      new Date('2026-03-27T12:00:00Z'),
      new Date('2026-04-03T12:00:00Z'),
      [],
      [],
      zone,
      [weekly],
    );
    expect(gaps).toEqual([]);
    const evenings: RotationRow = { ...weekly, startMinute: 18 * 60, endMinute: 22 * 60 };
    const evening = coverGaps(
      'primary',
      new Date('2026-03-29T12:00:00Z'),
      new Date('2026-03-30T12:00:00Z'),
      [],
      [],
      zone,
      [evenings],
    );
    expect(evening.map((g) => [g.from.toISOString().slice(0, 16), g.to.toISOString().slice(0, 16)])).toEqual([
      ['2026-03-29T12:00', '2026-03-29T17:00'],
      ['2026-03-29T21:00', '2026-03-30T12:00'],
    ]);
  });

  it('lets a one-off shift override a rotation for exactly its hours', () => {
    const cover = [
      {
        position: 'primary' as const,
        coordinatorId: 'dee',
        startsAt: new Date('2026-03-30T12:00:00Z'),
        endsAt: new Date('2026-03-30T14:00:00Z'),
        reason: 'swap',
      },
    ];
    const standing = rotationShifts([weekly], new Date('2026-03-30T00:00:00Z'), new Date('2026-03-31T12:00:00Z'), zone);
    const segments = effectiveShifts(
      'primary',
      new Date('2026-03-30T08:00:00Z'),
      new Date('2026-03-31T08:00:00Z'),
      standing,
      cover,
    );
    expect(
      segments.map((s) => [
        s.coordinatorId,
        s.startsAt.toISOString().slice(11, 16),
        s.endsAt.toISOString().slice(11, 16),
        s.label,
      ]),
    ).toEqual([
      ['cy', '08:00', '12:00', 'nights'],
      ['dee', '12:00', '14:00', 'swap'],
      ['cy', '14:00', '08:00', 'nights'],
    ]);
  });

  it('property: consecutive days the rotation runs go to consecutive people, whatever the days and the start', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 700 }),
        (days, people, offset) => {
          const row: RotationRow = {
            ...weekly,
            turn: 'day',
            weekdays: days,
            memberIds: Array.from({ length: people }, (_, i) => `p${i}`),
            startsOn: new Date(Date.UTC(2026, 0, 1 + offset)),
          };
          let k = 0;
          for (let d = 0; d < 30; d++) {
            const date = new Date(Date.UTC(2026, 0, 1 + offset + d));
            const holder = rotationHolder(row, {
              year: date.getUTCFullYear(),
              month: date.getUTCMonth() + 1,
              day: date.getUTCDate(),
            });
            if (!days.includes(((date.getUTCDay() + 6) % 7) + 1)) expect(holder).toBeUndefined();
            else expect(holder).toBe(`p${k++ % people}`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('reading what coordinators type', () => {
  const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

  it('reads day lists and ranges; anything else is undefined or real weekdays', () => {
    expect(['mon-fri', 'sat,sun', 'fri-mon', 'weekdays', 'Daily', 'mon, wed, fri'].map(parseWeekdays)).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7],
      [1, 5, 6, 7],
      [1, 2, 3, 4, 5],
      every,
      [1, 3, 5],
    ]);
    expect(['', 'someday', 'mon-', 'mon-tue-wed', 'mon,,tue', '__proto__', 'constructor'].map(parseWeekdays)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), (days) => {
        expect(parseWeekdays(days.map((d) => dayNames[d - 1]).join(', '))).toEqual([...days].sort((a, b) => a - b));
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const days = parseWeekdays(text);
        expect(days === undefined || (days.length > 0 && days.every((d) => d >= 1 && d <= 7))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('reads member lists in order; an empty list is undefined', () => {
    expect(parseMemberList('Sam, Bo and Cy')).toEqual(['Sam', 'Bo', 'Cy']);
    expect([parseMemberList(''), parseMemberList(' , ,')]).toEqual([undefined, undefined]);
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z .'-]{0,20}[A-Za-z]$/).filter((n) => !/\band\b/i.test(n));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 8 }), (names) => {
        expect(parseMemberList(names.join(', '))).toEqual(names.map((n) => n.trim()));
      }),
      { numRuns: 60 },
    );
  });

  it('reads dates and date-times that exist, and nothing else', () => {
    expect(parseDateTime('2026-03-29 01:30')).toEqual({ date: { year: 2026, month: 3, day: 29 }, minute: 90 });
    expect(['2026-02-30', '2026-13-01', '26-03-01', '2026-3-1'].map(parseDate)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(['2026-03-29', '2026-03-29 24:00', '2026-03-29 9', 'tomorrow 09:00'].map(parseDateTime)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:00Z'), noInvalidDate: true }),
        (d) => {
          const typed = d.toISOString().slice(0, 16).replace('T', ' ');
          expect(parseDateTime(typed)).toEqual({
            date: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
            minute: d.getUTCHours() * 60 + d.getUTCMinutes(),
          });
        },
      ),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const parsed = parseDateTime(text);
        expect(
          parsed === undefined ||
            (parsed.minute >= 0 && parsed.minute < 1440 && parseDate(text.trim().slice(0, 10)) !== undefined),
        ).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
