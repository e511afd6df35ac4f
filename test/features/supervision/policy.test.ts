import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../src/core/form.js';
import { groupSessionForm, supervisionRequestForm } from '../../../src/features/supervision/forms.js';
import {
  afterCheckAt,
  exclusionOf,
  explainRank,
  inWorkingHours,
  rankSupervisors,
  topicChoices,
  topics,
  urgencies,
  type Candidate,
  type MatchRequest,
} from '../../../src/features/supervision/policy.js';

const now = new Date('2026-11-23T10:00:00Z'); // a Monday, 10:00 in London
const hours = { start: '09:00', end: '17:00' };

const sup = (memberId: string, extra: Partial<Candidate> = {}): Candidate => ({
  memberId,
  displayName: memberId,
  roles: ['mentor', 'peer_supervisor'],
  status: 'active',
  awayUntil: null,
  timeZone: 'Europe/London',
  specialisms: [],
  openLoad: 0,
  ...extra,
});

const request = (extra: Partial<MatchRequest> = {}): MatchRequest => ({
  requesterId: 'rae',
  topic: 'ideology_faith',
  urgency: 'this_week',
  requesterSpecialisms: [],
  caseMemberIds: [],
  alreadyAskedIds: [],
  ...extra,
});

const order = (candidates: Candidate[], req: MatchRequest = request()) =>
  rankSupervisors(candidates, req, now, hours).map((r) => r.memberId);

describe('who may be offered a request', () => {
  it('never offers it to someone assigned to the same case (conflict of interest)', () => {
    const req = request({ caseMemberIds: ['cory'] });
    expect(exclusionOf(sup('cory'), req, now)).toBe('case_conflict');
    expect(order([sup('cory', { specialisms: ['extreme_right_wing'] }), sup('pat')], req)).toEqual(['pat']);
  });

  it('skips those away (until their away date passes), the requester, non-supervisors, leavers and those already asked', () => {
    const req = request({ alreadyAskedIds: ['asked'] });
    expect(exclusionOf(sup('ava', { status: 'away', awayUntil: new Date('2026-11-30T00:00:00Z') }), req, now)).toBe(
      'away',
    );
    expect(
      exclusionOf(sup('ava', { status: 'away', awayUntil: new Date('2026-11-20T00:00:00Z') }), req, now),
    ).toBeUndefined();
    expect(exclusionOf(sup('rae'), req, now)).toBe('requester');
    expect(exclusionOf(sup('max', { roles: ['mentor'] }), req, now)).toBe('not_peer_supervisor');
    expect(exclusionOf(sup('lee', { status: 'left' }), req, now)).toBe('inactive');
    expect(exclusionOf(sup('asked'), req, now)).toBe('already_asked');
  });

  it('property: every ranked supervisor is eligible, and every eligible one is ranked exactly once', () => {
    const candidate = fc.record({
      memberId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'rae'),
      displayName: fc.constantFrom('A', 'B', 'C'),
      roles: fc.subarray(['mentor', 'peer_supervisor', 'coordinator']),
      status: fc.constantFrom('active', 'away', 'left'),
      awayUntil: fc.option(
        fc.date({ min: new Date('2026-11-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
        { nil: null },
      ),
      timeZone: fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Kolkata'),
      specialisms: fc.subarray([
        'islamist_extremism',
        'extreme_right_wing',
        'motivational_interviewing',
        'gang_exit',
        'domestic_violence',
      ]),
      openLoad: fc.nat(6),
    });
    const req = fc.record({
      requesterId: fc.constant('rae'),
      topic: fc.constantFrom(...topics),
      urgency: fc.constantFrom(...urgencies),
      requesterSpecialisms: fc.subarray(['gang_exit', 'domestic_violence']),
      preferredSupervisorId: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
      caseMemberIds: fc.subarray(['a', 'b', 'c']),
      alreadyAskedIds: fc.subarray(['c', 'd']),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.memberId, maxLength: 6 }), req, (candidates, r) => {
        const ranked = rankSupervisors(candidates, r, now, hours);
        const eligible = candidates.filter((c) => exclusionOf(c, r, now) === undefined).map((c) => c.memberId);
        expect(ranked.map((x) => x.memberId).sort()).toEqual(eligible.sort());
        for (const x of ranked) expect(r.caseMemberIds).not.toContain(x.memberId);
        const preferred = ranked.findIndex((x) => x.reasons.preferred);
        if (preferred >= 0) expect(preferred).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('ranking', () => {
  it('puts specialism fit to the topic first, then a shared practice area, then none', () => {
    const req = request({ topic: 'ideology_faith', requesterSpecialisms: ['gang_exit'] });
    expect(
      order(
        [
          sup('none'),
          sup('shared', { specialisms: ['gang_exit'] }),
          sup('fit', { specialisms: ['extreme_right_wing'] }),
        ],
        req,
      ),
    ).toEqual(['fit', 'shared', 'none']);
    expect(
      order(
        [
          sup('mi', { specialisms: ['motivational_interviewing'] }),
          sup('erw', { specialisms: ['extreme_right_wing'] }),
        ],
        request({ topic: 'method' }),
      ),
    ).toEqual(['mi', 'erw']);
  });

  it('prefers the lighter load among equally fitting supervisors', () => {
    expect(order([sup('busy', { openLoad: 3 }), sup('free', { openLoad: 0 }), sup('some', { openLoad: 1 })])).toEqual([
      'free',
      'some',
      'busy',
    ]);
    expect(
      order([sup('busy-fit', { openLoad: 3, specialisms: ['islamist_extremism'] }), sup('free', { openLoad: 0 })]),
    ).toEqual(['busy-fit', 'free']);
  });

  it('for a "today" request, someone in working hours now comes before a better fit asleep', () => {
    const night = sup('night', { timeZone: 'Asia/Tokyo', specialisms: ['extreme_right_wing'] }); // 19:00 in Tokyo
    const day = sup('day');
    expect(order([night, day], request({ urgency: 'today' }))).toEqual(['day', 'night']);
    expect(order([night, day], request({ urgency: 'routine' }))).toEqual(['night', 'day']);
  });

  it('asks the preferred supervisor first when eligible, never when conflicted', () => {
    expect(
      order(
        [sup('fit', { specialisms: ['extreme_right_wing'] }), sup('pref', { openLoad: 4 })],
        request({ preferredSupervisorId: 'pref' }),
      ),
    ).toEqual(['pref', 'fit']);
    expect(
      order(
        [sup('fit', { specialisms: ['extreme_right_wing'] }), sup('pref')],
        request({ preferredSupervisorId: 'pref', caseMemberIds: ['pref'] }),
      ),
    ).toEqual(['fit']);
  });

  it('explains to coordinators why someone was ranked first', () => {
    const [first] = rankSupervisors(
      [sup('Sam', { specialisms: ['extreme_right_wing'], openLoad: 1 })],
      request(),
      now,
      hours,
    );
    expect(explainRank(first!)).toBe(
      'Sam: specialism fits the topic (extreme_right_wing); 1 open request; in working hours (Mon 10:00 local)',
    );
  });

  it('knows working hours on the local clock, weekdays only', () => {
    expect(inWorkingHours(now, 'Europe/London', hours)).toBe(true);
    expect(inWorkingHours(now, 'America/New_York', hours)).toBe(false); // 05:00
    expect(inWorkingHours(new Date('2026-11-22T10:00:00Z'), 'Europe/London', hours)).toBe(false); // Sunday
  });

  it('asks whether it happened the next morning for "today", later for less urgent requests', () => {
    expect(afterCheckAt(now, 'today', 'Europe/London').toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(afterCheckAt(now, 'this_week', 'Europe/London').toISOString()).toBe('2026-11-26T10:00:00.000Z');
  });
});

describe('the request form', () => {
  it('fits Discord: labels of at most 45 characters, options of at most 100, at most 25 options', () => {
    for (const form of [supervisionRequestForm, groupSessionForm]) {
      for (const f of Object.values(form.fields)) {
        expect(f.label.length).toBeLessThanOrEqual(45);
        expect((f.options ?? []).length).toBeLessThanOrEqual(25);
        for (const o of f.options ?? []) expect(o.label.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('keeps the summary sensitive and everything else public', () => {
    expect(supervisionRequestForm.fields.summary.public).toBe(false);
    expect(supervisionRequestForm.fields.topic.public).toBe(true);
  });

  it('property: parses any topic label or value, and refuses case codes that are not codes', () => {
    const ctx = { timeZone: 'Europe/London', now };
    fc.assert(
      fc.property(
        fc.constantFrom(...topicChoices),
        fc.boolean(),
        fc.string({ maxLength: 20 }),
        (topic, byLabel, code) => {
          const parsed = parseForm(
            supervisionRequestForm,
            {
              topic: byLabel ? topic.label : topic.value,
              urgency: 'today',
              format: 'call',
              summary: 'x',
              caseCode: code,
            },
            ctx,
          );
          const codeOk = code.trim() === '' || /^[A-Za-z]{1,6}-\d{1,6}$/.test(code.trim());
          expect(parsed.ok).toBe(codeOk);
          if (parsed.ok) expect(parsed.values.topic).toBe(topic.value);
        },
      ),
      { numRuns: 100 },
    );
  });
});
