import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localToInstant } from '../../src/core/local-time.js';

describe('local wall-clock times across clock changes', () => {
  it('maps an ordinary time in summer and winter', () => {
    expect(localToInstant('2026-07-06', { hour: 9, minute: 0 }, 'Europe/London').toISOString()).toBe(
      '2026-07-06T08:00:00.000Z',
    );
    expect(localToInstant('2026-11-23', { hour: 9, minute: 0 }, 'Europe/London').toISOString()).toBe(
      '2026-11-23T09:00:00.000Z',
    );
    expect(localToInstant('2026-03-09', { hour: 9, minute: 0 }, 'America/New_York').toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
  });

  it('moves a time in the missing hour to the first valid minute after it', () => {
    // Europe/London, 29 March 2026: 01:00 GMT becomes 02:00 BST.
    expect(localToInstant('2026-03-29', { hour: 1, minute: 30 }, 'Europe/London').toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(localToInstant('2026-03-29', { hour: 1, minute: 0 }, 'Europe/London').toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(localToInstant('2026-03-29', { hour: 2, minute: 0 }, 'Europe/London').toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    // Europe/Copenhagen: 02:00 CET becomes 03:00 CEST.
    expect(localToInstant('2026-03-29', { hour: 2, minute: 15 }, 'Europe/Copenhagen').toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('takes the first occurrence of a time in the repeated hour', () => {
    // Europe/London, 25 October 2026: 01:00-02:00 happens twice (BST, then GMT).
    expect(localToInstant('2026-10-25', { hour: 1, minute: 30 }, 'Europe/London').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(localToInstant('2026-11-01', { hour: 1, minute: 30 }, 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('always lands on the asked day at or just after the asked time', () => {
    const zones = ['Europe/London', 'Europe/Copenhagen', 'America/New_York', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        (day, hour, minute, zone) => {
          const date = day.toISOString().slice(0, 10);
          const shown = DateTime.fromJSDate(localToInstant(date, { hour, minute }, zone), { zone });
          expect(shown.toFormat('yyyy-MM-dd')).toBe(date);
          const asked = hour * 60 + minute;
          const got = shown.hour * 60 + shown.minute;
          expect(got).toBeGreaterThanOrEqual(asked);
          expect(got - asked).toBeLessThanOrEqual(60);
        },
      ),
      { numRuns: 300 },
    );
  });
});
