// Working-time arithmetic for the untaken chain and the owner's reminders, in the network's zone,
// across the Europe/London clock changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingHours,
  endOfNextWorkingDay,
  escalationFor,
  type WorkingTime,
} from '../../../src/features/concerns/policy.js';

const w: WorkingTime = { zone: 'Europe/London', hours: { start: '09:00', end: '17:00' }, days: [1, 2, 3, 4, 5] };
const iso = (d: Date) => d.toISOString();

describe('working time', () => {
  it('counts four working hours from a Friday afternoon into Monday, across the October clock change', () => {
    // Friday 23 Oct 2026 16:00 BST: one hour left that day, three on Monday (now GMT).
    expect(iso(addWorkingHours(new Date('2026-10-23T15:00:00Z'), 4, w))).toBe('2026-10-26T12:00:00.000Z');
    expect(iso(endOfNextWorkingDay(new Date('2026-10-23T15:00:00Z'), w))).toBe('2026-10-26T17:00:00.000Z');
    // Raised on a Saturday night: the clock starts on Monday morning.
    expect(iso(addWorkingHours(new Date('2026-10-24T22:00:00Z'), 4, w))).toBe('2026-10-26T13:00:00.000Z');
  });

  it('keeps local working hours across the March clock change', () => {
    // Friday 27 Mar 2026 15:00 GMT; Monday 30 Mar is BST, so 11:00 local is 10:00 UTC.
    expect(iso(addWorkingHours(new Date('2026-03-27T15:00:00Z'), 4, w))).toBe('2026-03-30T10:00:00.000Z');
    expect(iso(endOfNextWorkingDay(new Date('2026-03-27T15:00:00Z'), w))).toBe('2026-03-30T16:00:00.000Z');
    expect(iso(addWorkingDays(new Date('2026-03-26T10:00:00Z'), 5, w))).toBe('2026-04-02T09:00:00.000Z');
  });

  it('puts five working days later inside working hours, skipping the weekend', () => {
    expect(iso(addWorkingDays(new Date('2026-11-27T10:00:00Z'), 5, w))).toBe('2026-12-04T10:00:00.000Z');
    expect(iso(addWorkingDays(new Date('2026-11-27T20:00:00Z'), 5, w))).toBe('2026-12-04T17:00:00.000Z');
    expect(iso(addWorkingDays(new Date('2026-11-28T07:00:00Z'), 5, w))).toBe('2026-12-04T09:00:00.000Z');
  });

  it('always lands later, inside working hours on a working day (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 40 }),
        (from, hours) => {
          const due = addWorkingHours(from, hours, w);
          expect(due.getTime()).toBeGreaterThan(from.getTime());
          const local = new Intl.DateTimeFormat('en-GB', {
            timeZone: w.zone,
            weekday: 'short',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }).format(due);
          expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) (09|1[0-7]):\d\d$/);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('urgent concerns as escalations', () => {
  it('pages risk to others and to the client as P1, every other category as P2', () => {
    expect(escalationFor('risk_to_others')).toEqual({ tier: 'P1', category: 'risk_to_life_others' });
    expect(escalationFor('risk_to_client')).toEqual({ tier: 'P1', category: 'suicide_self_harm' });
    for (const c of ['child_or_family', 'extremist_activity', 'domestic_abuse', 'threat_to_mentor', 'other'] as const)
      expect(escalationFor(c).tier).toBe('P2');
  });
});
