import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { periodDueAt, periodRange } from '../../../src/features/digest/period.js';
import { parseWeek, weekOf } from '../../../src/features/digest/week.js';

const dates = fc
  .date({ min: new Date('2000-01-03T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('the week parser', () => {
  it('reads back the label of every week, and the week starts on a Monday', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const week = weekOf(date);
        const parsed = parseWeek(week.label);
        expect(parsed).toEqual(week);
        expect(DateTime.fromISO(week.weekStart, { zone: 'utc' }).weekday).toBe(1);
        expect(parseWeek(week.label.toLowerCase().replace('-', ''))).toEqual(week);
        const days = DateTime.fromISO(date, { zone: 'utc' }).diff(
          DateTime.fromISO(week.weekStart, { zone: 'utc' }),
          'days',
        ).days;
        expect(days >= 0 && days < 7).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('never throws, and accepts only the weeks a year has', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc
            .tuple(fc.integer({ min: 1990, max: 2200 }), fc.integer({ min: -2, max: 60 }))
            .map(([y, w]) => `${y}-W${w}`),
        ),
        (text) => {
          const week = parseWeek(text);
          if (!week) return;
          const [, y, w] = /^(\d{4})-W(\d{2})$/.exec(week.label)!;
          const monday = DateTime.fromISO(week.weekStart, { zone: 'utc' });
          expect(monday.weekYear).toBe(Number(y));
          expect(monday.weekNumber).toBe(Number(w));
          expect(Number(w)).toBeGreaterThanOrEqual(1);
          expect(Number(w)).toBeLessThanOrEqual(53);
        },
      ),
      { numRuns: 100 },
    );
    expect(parseWeek('2025-W53')).toBeUndefined();
    expect(parseWeek('2020-W53')?.weekStart).toBe('2020-12-28');
    expect(parseWeek('2026-W00')).toBeUndefined();
    expect(parseWeek('MS-0042')).toBeUndefined();
  });

  it('the period a run drafts has just ended, whole, in the network zone, clock changes included', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney'),
        fc.constantFrom('weekly' as const, 'fortnightly' as const, 'monthly' as const),
        (at, zone, kind) => {
          const period = periodDueAt(kind, at, zone);
          if (kind === 'weekly') expect(period).toBeDefined();
          if (!period) return;
          const { from, to } = periodRange(period, zone);
          expect(to.getTime()).toBeLessThanOrEqual(at.getTime());
          // Ended within the week of the run: nothing drafted late, nothing skipped.
          expect(at.getTime() - to.getTime()).toBeLessThan(8 * 24 * 3_600_000);
          const days = (to.getTime() - from.getTime()) / 86_400_000;
          const expected = kind === 'weekly' ? [7, 7] : kind === 'fortnightly' ? [14, 14] : [28, 31];
          expect(days).toBeGreaterThanOrEqual(expected[0]! - 1 / 24);
          expect(days).toBeLessThanOrEqual(expected[1]! + 1 / 24);
        },
      ),
      { numRuns: 100 },
    );
  });
});
