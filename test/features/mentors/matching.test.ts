// Matching at assignment: `/case assign MS-0042` without a mentor suggests up to five, ranked as
// README documents (specialism for the referral type, language, area, places left, recent load,
// name), never anyone with a declared conflict with the case or its community; the suggestion and
// the coordinator's choice are recorded.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankCandidates, type Candidate } from '../../../src/features/mentors/policy.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { driver, slack, text } from '../cases/setup.js';

const base: Candidate = {
  memberId: '',
  name: '',
  specialisms: [],
  languages: [],
  region: null,
  capacity: 3,
  openCases: 0,
  recentSessions: 0,
  conflicts: [],
  blocked: [],
};
const target = { code: 'MS-0042', programme: 'gang_exit', language: 'Urdu', area: 'Leeds' };

describe('ranking (policy)', () => {
  it('orders by specialism, then language, area, places left, recent sessions and name', () => {
    const ranked = rankCandidates(target, [
      { ...base, memberId: 'z', name: 'Zed', specialisms: ['gang_exit'], recentSessions: 1 },
      { ...base, memberId: 'y', name: 'Yas', specialisms: ['gang_exit'], recentSessions: 0 },
      { ...base, memberId: 'x', name: 'Xi', specialisms: ['gang_exit'], capacity: 5 },
      { ...base, memberId: 'w', name: 'Wyn', languages: ['urdu'], region: 'leeds' },
      { ...base, memberId: 'v', name: 'Vic', specialisms: ['youth'], region: 'Leeds' },
      { ...base, memberId: 'u', name: 'Uma', specialisms: ['gang_exit'], languages: ['Urdu'] },
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['Uma', 'Vic', 'Xi', 'Yas', 'Zed']);
  });

  it('leaves out a declared conflict (the case or its community), the blocked and the full', () => {
    const ranked = rankCandidates(target, [
      { ...base, memberId: 'a', name: 'Ann', conflicts: ['ms-0042'] },
      { ...base, memberId: 'b', name: 'Bob', conflicts: ['leeds'] },
      { ...base, memberId: 'c', name: 'Cat', blocked: ['DBS enhanced expired on 2026-11-01'] },
      { ...base, memberId: 'd', name: 'Dan', capacity: 2, openCases: 2 },
      { ...base, memberId: 'e', name: 'Eve', conflicts: ['MS-0041', 'Bradford'] },
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['Eve']);
  });
});

describe('suggestions at /case assign', () => {
  let t: TestContext;
  let d: ReturnType<typeof driver>;
  const jo = slack('U0JO', 'jo');
  beforeAll(async () => {
    t = await createTestContext();
    d = driver(t);
  });
  afterAll(() => t.close());

  async function mentor(
    name: string,
    profile: { specialisms?: string[]; languages?: string[]; region?: string },
    record: { capacity?: number; conflicts?: string[] } = {},
  ) {
    const id = await d.join(slack(`U0${name.toUpperCase()}`, name), ['mentor']);
    await t.deps.db.member.update({ where: { id }, data: profile });
    await t.deps.db.mentorRecord.create({
      data: {
        memberId: id,
        capacity: record.capacity ?? 3,
        conflicts: record.conflicts ?? [],
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      },
    });
    return id;
  }

  it('suggests five with their reasons, excludes the conflicted and the full, and records the choice', async () => {
    await d.join(jo, ['coordinator']);
    const code = await d.openCase(jo, {
      programme: 'gang_exit',
      riskLevel: 'medium',
      riskFactors: [],
      language: 'Urdu',
      area: 'Leeds',
    });
    const other = await d.openCase(jo);
    await mentor('ana', { specialisms: ['gang_exit'], languages: ['Urdu'], region: 'Leeds' });
    await mentor('ben', { specialisms: ['gang_exit'], languages: ['English'], region: 'Leeds' });
    const cal = await mentor('cal', { specialisms: ['youth'], languages: ['Urdu'], region: 'Bradford' });
    await mentor('dee', { specialisms: ['domestic_violence'], languages: ['Urdu'], region: 'Leeds' });
    await mentor('eve', { specialisms: ['gang_exit'], languages: ['Urdu'], region: 'Leeds' }, { conflicts: ['Leeds'] });
    const fay = await mentor(
      'fay',
      { specialisms: ['gang_exit'], languages: ['Urdu'], region: 'Leeds' },
      { capacity: 1 },
    );
    await mentor('gus', {});
    await mentor('hal', {});
    const otherCase = await t.deps.db.case.findUniqueOrThrow({ where: { code: other } });
    await t.deps.db.caseAssignment.create({
      data: { id: randomUUID(), caseId: otherCase.id, memberId: fay, role: 'mentor', assignedAt: t.clock.now() },
    });

    const outcome = await d.run(jo, 'case', 'assign', { case: code });
    const message = outcome.messages[0]!;
    expect(message.fields?.map((f) => f.label)).toEqual(['1. ana', '2. cal', '3. ben', '4. dee', '5. gus']);
    expect(message.fields?.[0]?.value).toBe(
      'specialism gang_exit; speaks Urdu; in Leeds; 3 of 3 places left; 0 sessions in 28 days',
    );
    expect(text(outcome)).not.toMatch(/eve|fay|hal/);

    const choose = message.buttons!.find((b) => b.label === 'Assign cal')!;
    expect(text(await d.click(jo, choose.actionId, choose.value))).toContain(`cal is now the mentor for ${code}`);
    const recorded = await t.deps.db.matchSuggestion.findFirstOrThrow();
    expect(recorded.chosenMemberId).toBe(cal);
    expect((recorded.suggestions as { rank: number }[]).map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(
      await t.deps.db.event.count({
        where: { kind: 'case.mentor_chosen', data: { path: ['suggested'], equals: true } },
      }),
    ).toBe(1);
  });
});
