import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { typedDay } from '../../../src/features/referrals/policy.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';
import { driver, slack, text } from '../cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const coord = slack('U-RCOORD', 'Rae');
const ana = slack('U-RANA', 'Ana');
const ben = slack('U-RBEN', 'Ben');
const ids: Record<string, string> = {};
const referral = {
  source: 'probation',
  receivedOn: '2026-11-02',
  programme: 'gang_exit',
  language: 'Polish',
  area: 'Walsall',
  decision: 'awaiting',
};

async function setUp() {
  t = await createTestContext({ channelPlatforms: ['slack'] });
  d = driver(t);
  [ids.coord, ids.ana, ids.ben] = await d.joinTeam(coord, ana, ben);
}
const tearDown = () => t.close();

describe('/referral', () => {
  // Referral numbers are asserted, so each test numbers from #1 in a database of its own.
  beforeEach(setUp);
  afterEach(tearDown);

  it('records a referral awaiting a decision and lists it with its age; mentors may not', async () => {
    expect((await d.run(coord, 'referral')).form?.form.id).toBe('referral.new');
    expect(text(await d.submit(coord, 'referral.new', referral))).toContain(
      'Referral #1 (Probation, Leaving a gang or group) is recorded as awaiting a decision',
    );
    const list = await d.run(coord, 'referral', 'list');
    expect(list.messages[0]?.fields).toEqual([
      {
        label: '#1 · 21 days',
        value: 'Probation; Leaving a gang or group; awaiting a decision; language: Polish; area: Walsall',
      },
    ]);
    expect(text(await d.run(ana, 'referral', 'list'))).toContain('for coordinators only');
  });

  it('refuses a declined referral without a reason, a future date, and first contact before receipt, saving nothing', async () => {
    await d.submit(coord, 'referral.new', referral);
    expect(text(await d.submit(coord, 'referral.new', { ...referral, decision: 'declined' }))).toContain(
      'needs a reason',
    );
    expect(
      (await d.submit(coord, 'referral.new', { ...referral, receivedOn: '2026-12-25' })).errors?.receivedOn,
    ).toContain('cannot be in the future');
    expect(text(await d.submit(coord, 'referral.new', { ...referral, firstContactOn: '2026-10-01' }))).toContain(
      'cannot be before',
    );
    expect(text(await d.run(coord, 'referral', 'contact', { number: 1, date: '02/11/2026' }))).toContain(
      'write it as YYYY-MM-DD',
    );
    expect(await t.deps.db.referral.count()).toBe(1);
  });

  it('accepting opens the case form prefilled from the referral; the case it opens is tied to it', async () => {
    await d.submit(coord, 'referral.new', referral);
    const accepted = await d.run(coord, 'referral', 'decide', {
      number: 1,
      decision: 'accepted',
      first_contact: '2026-11-05',
    });
    expect(accepted.form?.form.id).toBe('case.open');
    expect(accepted.form?.initial).toEqual({ programme: 'gang_exit', language: 'Polish', area: 'Walsall' });
    expect((await d.run(coord, 'referral', 'list')).messages[0]?.fields?.[0]?.value).toContain(
      'accepted, case not opened yet',
    );
    const opened = await d.submit(
      coord,
      'case.open',
      { programme: 'gang_exit', riskLevel: 'high', riskFactors: ['isolation'], ...accepted.form?.initial },
      accepted.form?.context,
    );
    const code = /Case ([A-Z]+-\d+) is open/.exec(text(opened))![1]!;
    const row = await t.deps.db.referral.findUniqueOrThrow({ where: { number: 1 } });
    const found = await t.deps.db.case.findUniqueOrThrow({ where: { code } });
    expect(row).toMatchObject({ decision: 'accepted', caseId: found.id });
    expect(found).toMatchObject({ language: 'Polish', area: 'Walsall' });
    expect(row.firstContactOn?.toISOString().slice(0, 10)).toBe('2026-11-05');
    expect(
      text(await d.run(coord, 'referral', 'decide', { number: 1, decision: 'declined', reason: 'no_capacity' })),
    ).toContain('already has its case');
    expect(text(await d.run(coord, 'referral', 'list'))).toContain('No referral is awaiting a decision');
  });

  it('a case opened directly records a "direct" referral, so every case has one', async () => {
    const code = await d.openCase(coord);
    const found = await t.deps.db.case.findUniqueOrThrow({ where: { code } });
    expect(await t.deps.db.referral.findUniqueOrThrow({ where: { caseId: found.id } })).toMatchObject({
      source: 'direct',
      decision: 'accepted',
      programme: 'extremism',
    });
    expect(await t.deps.db.case.count()).toBe(await t.deps.db.referral.count({ where: { caseId: { not: null } } }));
  });

  it('declines with a reason from the list, audited', async () => {
    await d.submit(coord, 'referral.new', referral);
    await d.openCase(coord);
    await d.submit(coord, 'referral.new', { ...referral, source: 'police' });
    expect(
      text(await d.run(coord, 'referral', 'decide', { number: 3, decision: 'declined', reason: 'no_capacity' })),
    ).toContain('Referral #3 is recorded as declined');
    const events = await t.deps.db.event.findMany({ where: { subjectKind: 'referral', kind: 'referral.decided' } });
    expect(events.map((e) => e.data)).toContainEqual({ number: 3, decision: 'declined', reason: 'no_capacity' });
  });
});

describe('after closure', () => {
  beforeAll(setUp);
  afterAll(tearDown);

  it('records an early ending and asks the last mentor at 3 and 6 months; their answer is structured and counted once', async () => {
    const code = await d.openAssigned(coord, 'Ana');
    await d.run(coord, 'case', 'close', { case: code });
    await d.submit(
      coord,
      'case.close',
      { outcome: 'not_engaged', riskLevel: 'medium', endingReason: 'moved_away' },
      { caseCode: code },
    );
    const found = await t.deps.db.case.findUniqueOrThrow({ where: { code } });
    expect(await t.deps.db.caseEnding.findUniqueOrThrow({ where: { caseId: found.id } })).toMatchObject({
      reason: 'moved_away',
    });
    const followUps = await t.deps.db.caseFollowUp.findMany({
      where: { caseId: found.id },
      orderBy: { months: 'asc' },
    });
    expect(followUps.map((f) => [f.months, f.dueAt.toISOString()])).toEqual([
      [3, '2027-02-23T09:00:00.000Z'],
      [6, '2027-05-23T08:00:00.000Z'],
    ]);
    t.clock.set('2027-02-23T09:01:00Z');
    await runDueJobs(t.deps);
    const asked = (await owedMessages(t.deps)).filter(
      (m) => m.recipientMemberId === ids.ana && m.message.title === `Follow-up: ${code}`,
    );
    expect(asked).toHaveLength(1);
    const button = asked[0]!.message.buttons![0]!;
    expect(text(await d.click(ben, button.actionId, button.value))).toContain('could not find that follow-up');
    const form = await d.click(ana, button.actionId, button.value);
    expect(form.form?.form.id).toBe('referral.follow_up');
    expect(
      text(await d.submit(ana, 'referral.follow_up', { reinvolvement: 'no', source: 'probation' }, form.form?.context)),
    ).toContain(`3-month follow-up of ${code} is recorded`);
    expect(
      text(await d.submit(ana, 'referral.follow_up', { reinvolvement: 'yes', source: 'police' }, form.form?.context)),
    ).toContain('already answered');
    expect(await t.deps.db.caseFollowUp.findFirstOrThrow({ where: { caseId: found.id, months: 3 } })).toMatchObject({
      status: 'answered',
      reinvolvement: 'no',
      source: 'probation',
    });
    t.clock.set('2026-11-23T09:00:00Z');
  });
});

describe('typed days', () => {
  it('accepts only real past days as YYYY-MM-DD (property)', () => {
    const now = new Date('2026-11-23T09:00:00Z');
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const r = typedDay(s, now, 'Europe/London');
        if ('day' in r) expect(r.day <= '2026-11-23' && /^\d{4}-\d{2}-\d{2}$/.test(r.day)).toBe(true);
      }),
      { numRuns: 100 },
    );
    expect(typedDay('2026-02-30', now, 'Europe/London')).toHaveProperty('problem');
    expect(typedDay('2026-11-24', now, 'Europe/London')).toEqual({ problem: '2026-11-24 is in the future.' });
  });
});
