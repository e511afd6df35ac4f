import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  followUpFor,
  missedAction,
  missedRun,
  nextCheckinAt,
  parseWeekdays,
  sensibleTime,
  shownCount,
  toHhmm,
  toMinute,
  type Answer,
  type Consent,
  type Wants,
} from '../../../src/features/welfare/policy.js';

const zones = ['Europe/London', 'Europe/Copenhagen', 'America/New_York'] as const;

describe('check-in times in local time', () => {
  it('Monday 09:00 in London, Copenhagen and New York across the weeks when US and EU offsets differ (March 2026)', () => {
    const at = (zone: string, after: string) => nextCheckinAt([1], 540, zone, new Date(after))!.toISOString();
    // US springs forward on 8 March, Europe on 29 March.
    expect(at('America/New_York', '2026-03-03T00:00:00Z')).toBe('2026-03-09T13:00:00.000Z'); // EDT
    expect(at('Europe/London', '2026-03-03T00:00:00Z')).toBe('2026-03-09T09:00:00.000Z'); // GMT
    expect(at('Europe/Copenhagen', '2026-03-03T00:00:00Z')).toBe('2026-03-09T08:00:00.000Z'); // CET
    expect(at('Europe/London', '2026-03-24T00:00:00Z')).toBe('2026-03-30T08:00:00.000Z'); // BST
    expect(at('Europe/Copenhagen', '2026-03-24T00:00:00Z')).toBe('2026-03-30T07:00:00.000Z'); // CEST
    // Autumn: Europe falls back on 25 October, the US on 1 November.
    expect(at('America/New_York', '2026-10-27T00:00:00Z')).toBe('2026-11-02T14:00:00.000Z'); // EST
    expect(at('America/New_York', '2026-10-20T00:00:00Z')).toBe('2026-10-26T13:00:00.000Z'); // EDT
    expect(at('Europe/Copenhagen', '2026-10-20T00:00:00Z')).toBe('2026-10-26T08:00:00.000Z'); // CET
  });

  it('property: a check-in always comes at the chosen local weekday and time, or the first minute after a gap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        (zone, weekdays, minute, after) => {
          const at = nextCheckinAt(weekdays, minute, zone, after)!;
          expect(at.getTime()).toBeGreaterThan(after.getTime());
          const local = DateTime.fromJSDate(at, { zone });
          expect(weekdays).toContain(local.weekday);
          const shown = local.hour * 60 + local.minute;
          // Exactly the time, or (inside a spring-forward gap) the first valid minute after it.
          if (shown !== minute) expect(local.minus({ minutes: 1 }).offset).not.toBe(local.offset);
          // Nothing earlier qualifies: one minute before is not a later occurrence.
          expect(at.getTime() - after.getTime()).toBeLessThanOrEqual(8 * 24 * 3600_000);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('moves one-off check-ins into sensible hours (09:00-20:00 local)', () => {
    expect(sensibleTime(new Date('2026-11-24T03:00:00Z'), 'Europe/London').toISOString()).toBe(
      '2026-11-24T09:00:00.000Z',
    );
    expect(sensibleTime(new Date('2026-11-24T21:00:00Z'), 'Europe/London').toISOString()).toBe(
      '2026-11-25T09:00:00.000Z',
    );
    expect(sensibleTime(new Date('2026-11-24T15:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-11-24T15:00:00.000Z',
    );
  });
});

describe('parsing and counting', () => {
  it('property: times round-trip and weekday lists parse back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), (m) => {
        expect(toMinute(toHhmm(m))).toBe(m);
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), (days) => {
        const names = days.map((d) => ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][d - 1]!);
        expect(parseWeekdays(names.join(', '))).toEqual([...days].sort());
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const parsed = parseWeekdays(text);
        if (parsed) for (const d of parsed) expect(d >= 1 && d <= 7).toBe(true);
      }),
      { numRuns: 100 },
    );
    expect(toMinute('24:00')).toBeUndefined();
    expect(parseWeekdays('someday')).toBeUndefined();
  });

  it('property: a run of misses brings one reminder and exactly one nudge, whatever its length', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('answered', 'missed'), { maxLength: 30 }), (history) => {
        // Replay oldest first: each miss is judged with the newest-first list at that moment.
        let nudges = 0;
        let runs = 0;
        const seen: string[] = [];
        for (const status of history) {
          seen.unshift(status);
          if (status !== 'missed') continue;
          const action = missedAction(missedRun(seen));
          if (action === 'nudge') nudges++;
        }
        for (let i = 0, run = 0; i <= history.length; i++) {
          if (history[i] === 'missed') run++;
          else {
            if (run >= 3) runs++;
            run = 0;
          }
        }
        expect(nudges).toBe(runs);
      }),
      { numRuns: 100 },
    );
  });

  it('hides small counts from coordinators', () => {
    expect(shownCount(0)).toBe('none');
    expect(shownCount(1)).toBe('fewer than 10');
    expect(shownCount(9)).toBe('fewer than 10');
    expect(shownCount(10)).toBe('10');
  });

  it('property: nobody is nudged unless the answer was shared with the supporter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Answer>('well', 'stretched', 'struggling'),
        fc.constantFrom<Consent>('private', 'supporter', 'totals'),
        fc.constantFrom<Wants | null>('peer_call', 'supervision', 'nothing', null),
        fc.integer({ min: 1, max: 5 }),
        (answer, consent, wants, stretchedRun) => {
          const d = followUpFor({ answer, consent, wants, stretchedRun, reason: 'scheduled' });
          if (consent !== 'supporter') expect(d.nudge).toBeUndefined();
          if (answer === 'struggling') expect(!!d.nudge || d.offerDirectly).toBe(true);
          expect(d.pointToProfessional).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
    expect(
      followUpFor({ answer: 'struggling', consent: 'private', wants: null, stretchedRun: 0, reason: 'trim_28d' })
        .pointToProfessional,
    ).toBe(true);
    expect(
      followUpFor({ answer: 'stretched', consent: 'private', wants: null, stretchedRun: 2, reason: 'scheduled' })
        .offerSupervision,
    ).toBe(true);
    expect(
      followUpFor({ answer: 'stretched', consent: 'private', wants: null, stretchedRun: 1, reason: 'scheduled' })
        .offerSupervision,
    ).toBe(false);
  });
});
