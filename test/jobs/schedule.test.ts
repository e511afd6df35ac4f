// Wall-clock schedules across daylight-saving changes (Europe/London: 2026-03-29 01:00 GMT jumps to
// 02:00 BST; 2026-10-25 02:00 BST falls back to 01:00 GMT, so 01:00-01:59 happens twice).
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localInstant, nextOccurrence, type Schedule } from '../../src/jobs/schedule.js';

const london = 'Europe/London';
const iso = (d: Date) => d.toISOString();

describe('local times in Europe/London', () => {
  it('keeps an ordinary time on both sides of the clock changes', () => {
    expect(iso(localInstant({ year: 2026, month: 3, day: 28 }, '09:00', london))).toBe('2026-03-28T09:00:00.000Z');
    expect(iso(localInstant({ year: 2026, month: 3, day: 29 }, '09:00', london))).toBe('2026-03-29T08:00:00.000Z');
    expect(iso(localInstant({ year: 2026, month: 10, day: 25 }, '09:00', london))).toBe('2026-10-25T09:00:00.000Z');
  });

  it('moves a time in the missing hour to the first valid minute after it (02:00 BST)', () => {
    for (const time of ['01:00', '01:30', '01:59']) {
      expect(iso(localInstant({ year: 2026, month: 3, day: 29 }, time, london))).toBe('2026-03-29T01:00:00.000Z');
    }
    expect(iso(localInstant({ year: 2026, month: 3, day: 29 }, '02:00', london))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(localInstant({ year: 2026, month: 3, day: 29 }, '00:59', london))).toBe('2026-03-29T00:59:00.000Z');
  });

  it('runs a time in the repeated hour once, at its first occurrence (BST)', () => {
    expect(iso(localInstant({ year: 2026, month: 10, day: 25 }, '01:30', london))).toBe('2026-10-25T00:30:00.000Z');
    const weekly: Schedule = { every: 'week', weekday: 7, time: '01:30', zone: london };
    const first = nextOccurrence(weekly, new Date('2026-10-24T12:00:00Z'));
    expect(iso(first)).toBe('2026-10-25T00:30:00.000Z');
    // The second 01:30 (GMT) an hour later is not another occurrence.
    expect(iso(nextOccurrence(weekly, first))).toBe('2026-11-01T01:30:00.000Z');
  });

  it('keeps a weekly Monday 09:00 check-in at 09:00 local time through a whole year', () => {
    const weekly: Schedule = { every: 'week', weekday: 1, time: '09:00', zone: london };
    let at = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 53; i++) {
      at = nextOccurrence(weekly, at);
      const local = DateTime.fromJSDate(at, { zone: london });
      expect(local.toFormat('ccc HH:mm')).toBe('Mon 09:00');
    }
  });

  it('runs a daily 01:30 schedule once on each change day', () => {
    const daily: Schedule = { every: 'day', time: '01:30', zone: london };
    const spring = [nextOccurrence(daily, new Date('2026-03-28T02:00:00Z'))];
    spring.push(nextOccurrence(daily, spring[0]!));
    expect(spring.map(iso)).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    const autumn = [nextOccurrence(daily, new Date('2026-10-24T02:00:00Z'))];
    autumn.push(nextOccurrence(daily, autumn[0]!));
    expect(autumn.map(iso)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });
});

const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'UTC'];
const schedules: fc.Arbitrary<Schedule> = fc.oneof(
  fc.record({
    every: fc.constant('day' as const),
    time: fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    zone: fc.constantFrom(...zones),
  }),
  fc.record({
    every: fc.constant('week' as const),
    weekday: fc.integer({ min: 1, max: 7 }),
    time: fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    zone: fc.constantFrom(...zones),
  }),
);
const instants = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms));
const wallOf = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm');

describe('next occurrence, for any zone and time', () => {
  it('is later than the given instant and within one period (plus a clock change)', () => {
    fc.assert(
      fc.property(schedules, instants, (schedule, after) => {
        const next = nextOccurrence(schedule, after);
        const period = (schedule.every === 'week' ? 7 : 1) * 86_400_000;
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(period + 3 * 3_600_000);
      }),
      { numRuns: 400 },
    );
  });

  it('is the earliest instant the local clock shows the wanted time or later, on the right weekday', () => {
    fc.assert(
      fc.property(schedules, instants, (schedule, after) => {
        const next = nextOccurrence(schedule, after);
        const local = DateTime.fromJSDate(next, { zone: schedule.zone });
        const date = local.toFormat('yyyy-MM-dd');
        const wanted = `${date} ${schedule.time}`;
        if (schedule.every === 'week') expect(local.weekday).toBe(schedule.weekday);
        expect(wallOf(next, schedule.zone) >= wanted).toBe(true);
        // No earlier minute of that local date already showed the wanted time (or later).
        for (let back = 1; back <= 180; back++) {
          const earlier = new Date(next.getTime() - back * 60_000);
          const wall = wallOf(earlier, schedule.zone);
          if (wall.startsWith(date)) expect(wall < wanted).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('skips no occurrence: any instant before it leads to the same one', () => {
    fc.assert(
      fc.property(
        schedules,
        instants,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (schedule, after, f) => {
          const next = nextOccurrence(schedule, after);
          const between = new Date(after.getTime() + Math.floor(f * (next.getTime() - after.getTime())));
          expect(nextOccurrence(schedule, between).getTime()).toBe(next.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});
