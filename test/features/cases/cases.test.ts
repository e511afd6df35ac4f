import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { caseNumber, formatCaseCode, nextReview } from '../../../src/features/cases/policy.js';
import { activeCaseMembers } from '../../../src/features/cases/assignments.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';
import { driver, slack, text } from './setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const coord = slack('U-COORD', 'Cam');
const ana = slack('U-ANA', 'Ana');
const ben = slack('U-BEN', 'Ben');
const cy = slack('U-CY', 'Cy');
let ids: Record<string, string> = {};

// Each test gets its own database, with the four members joined; tests that need cases open them.
beforeEach(async () => {
  t = await createTestContext({ channelPlatforms: ['slack'] });
  d = driver(t);
  ids = {
    coord: await d.join(coord, ['coordinator']),
    ana: await d.join(ana),
    ben: await d.join(ben),
    cy: await d.join(cy),
  };
});
afterEach(() => t.close());

/** MS-0001 (Ana mentor, Ben co-mentor) and MS-0002 (Cy mentor), as the first /case test makes them. */
async function openAndAssign() {
  const first = await d.openCase(coord);
  const second = await d.openCase(coord, { programme: 'gang_exit', riskLevel: 'high', riskFactors: [] });
  await d.run(coord, 'case', 'assign', { case: first, member: 'Ana' });
  await d.run(coord, 'case', 'assign', { case: first, member: 'Ben', role: 'co_mentor' });
  await d.run(coord, 'case', 'assign', { case: second, member: 'Cy' });
}

/** As openAndAssign, then MS-0002 closed with an outcome, as the pause-and-close test leaves it. */
async function openAndCloseSecond() {
  await openAndAssign();
  const form = await d.run(coord, 'case', 'close', { case: 'MS-0002' });
  await d.submit(
    coord,
    'case.close',
    { outcome: 'desisted', positiveSteps: ['work', 'left_group'], riskLevel: 'low' },
    form.form!.context!,
  );
}

describe('case codes', () => {
  it('formats and reads codes with the prefix (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('MS', 'MWM', 'BOT'), fc.integer({ min: 1, max: 999_999 }), (prefix, n) => {
        const code = formatCaseCode(prefix, n);
        expect(code).toMatch(/^[A-Z]+-\d{4,6}$/);
        expect(caseNumber(prefix, code)).toBe(n);
        expect(caseNumber('XX', code)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('reviews fall three calendar months later, across the clock change', () => {
    expect(nextReview(new Date('2026-01-31T10:00:00Z'), 'Europe/London').toISOString()).toBe(
      '2026-04-30T09:00:00.000Z',
    );
  });
});

describe('/case', () => {
  it('opens a case with a bot-issued code and a baseline, and lets coordinators assign a mentor and co-mentor', async () => {
    const first = await d.openCase(coord);
    const second = await d.openCase(coord, { programme: 'gang_exit', riskLevel: 'high', riskFactors: [] });
    expect(first).toBe('MS-0001');
    expect(second).toBe('MS-0002');
    const row = await t.deps.db.case.findUniqueOrThrow({ where: { code: first } });
    expect(row.baseline).toMatchObject({
      programme: 'extremism',
      riskLevel: 'medium',
      riskFactors: ['isolation', 'online_influence'],
    });
    expect(row.nextReviewAt?.toISOString()).toBe('2027-02-23T09:00:00.000Z');

    expect(text(await d.run(coord, 'case', 'assign', { case: first, member: 'Ana' }))).toContain(
      'Ana is now the mentor for MS-0001',
    );
    expect(text(await d.run(coord, 'case', 'assign', { case: first, member: 'Ben', role: 'co_mentor' }))).toContain(
      'Ben is now the co-mentor',
    );
    expect(text(await d.run(coord, 'case', 'assign', { case: second, member: 'Cy' }))).toContain(
      'Cy is now the mentor for MS-0002',
    );
    expect(await activeCaseMembers(t.deps.db, 'ms-0001')).toEqual([
      { memberId: ids.ana, role: 'mentor' },
      { memberId: ids.ben, role: 'co_mentor' },
    ]);
    const told = (await owedMessages(t.deps)).filter((m) => m.recipientMemberId === ids.ana);
    expect(told.some((m) => m.message.text.includes('You are now the mentor for MS-0001'))).toBe(true);
  });

  it('shows mentors only their own cases, and refuses another mentor’s case the same way as a missing one', async () => {
    await openAndAssign();
    const mine = await d.run(ana, 'case', 'list');
    expect(mine.messages[0]?.fields?.map((f) => f.label)).toEqual(['MS-0001']);
    const all = await d.run(coord, 'case', 'list');
    expect(all.messages[0]?.fields?.map((f) => f.label)).toEqual(['MS-0001', 'MS-0002']);
    expect(text(await d.run(ana, 'case', 'list', { case: 'MS-0002' }))).toContain('could not find a case MS-0002');
    expect(text(await d.run(ana, 'case', 'list', { case: 'MS-0999' }))).toContain('could not find a case MS-0999');
    const detail = await d.run(ana, 'case', 'list', { case: 'MS-0001' });
    expect(detail.messages[0]?.fields).toEqual(
      expect.arrayContaining([{ label: 'Baseline risk level', value: 'Medium' }]),
    );
    expect(text(await d.run(ana, 'case', 'open'))).toContain('for coordinators only');
  });

  it('pauses, resumes and closes with an outcome and positive steps, telling the team', async () => {
    await openAndAssign();
    expect(text(await d.run(coord, 'case', 'pause', { case: 'MS-0002', reason: 'custody' }))).toContain(
      'MS-0002 is paused (custody)',
    );
    expect(await t.deps.db.case.findUniqueOrThrow({ where: { code: 'MS-0002' } })).toMatchObject({
      status: 'paused',
      pauseReason: 'custody',
    });
    expect(text(await d.run(coord, 'case', 'pause', { case: 'MS-0002', reason: 'resume' }))).toContain('open again');
    const form = await d.run(coord, 'case', 'close', { case: 'MS-0002' });
    expect(form.form?.context).toEqual({ caseCode: 'MS-0002' });
    const closed = await d.submit(
      coord,
      'case.close',
      { outcome: 'desisted', positiveSteps: ['work', 'left_group'], riskLevel: 'low' },
      form.form!.context!,
    );
    expect(text(closed)).toContain('MS-0002 is closed: Desisted, de-escalated or reduced risk');
    expect(await t.deps.db.case.findUniqueOrThrow({ where: { code: 'MS-0002' } })).toMatchObject({
      status: 'closed',
      outcome: 'desisted',
      positiveSteps: ['work', 'left_group'],
    });
    expect(await activeCaseMembers(t.deps.db, 'MS-0002')).toEqual([]);
    const cyTold = (await owedMessages(t.deps))
      .filter((m) => m.recipientMemberId === ids.cy)
      .map((m) => m.message.text);
    expect(cyTold.some((m) => m.includes('MS-0002 is closed'))).toBe(true);
    expect(text(await d.run(coord, 'case', 'close', { case: 'MS-0002' }))).toContain('already closed');
    // The mentor can still debrief the last session after closure, into the case's record; a mentor
    // never on the case (or long since off it) is answered as for an unknown code: saved, unlinked.
    const last = { caseCode: 'MS-0002', sessionDate: 'today', sessionWent: 'well', feeling: '3', flagConcern: 'no' };
    const caseId = (await t.deps.db.case.findUniqueOrThrow({ where: { code: 'MS-0002' } })).id;
    const linked = () => t.deps.db.debrief.count({ where: { caseId } });
    expect(text(await d.submit(cy, 'debrief', last))).toContain('is saved');
    expect(await linked()).toBe(1);
    const notMine = text(await d.submit(ana, 'debrief', last));
    expect(notMine).toContain('is saved');
    expect(notMine).toContain('MS-0002 is not one of your cases');
    expect(await linked()).toBe(1);
    t.clock.advance(15 * 24 * 3600_000);
    expect(text(await d.submit(cy, 'debrief', last))).toContain('MS-0002 is not one of your cases');
    expect(await linked()).toBe(1);
    t.clock.set('2026-11-23T09:00:00Z');
  });

  it('reminds the team and coordinators of the agreement review every three months, and not after closing', async () => {
    await openAndCloseSecond();
    t.clock.set('2027-02-23T09:01:00Z');
    await runDueJobs(t.deps);
    const review = (await owedMessages(t.deps)).filter(
      (m) => /review/i.test(`${m.message.title} ${m.message.text}`) && !m.message.text.includes('resume'),
    );
    expect(
      review
        .filter((m) => m.message.title === 'Agreement review: MS-0001')
        .map((m) => m.recipientMemberId)
        .sort(),
    ).toEqual([ids.ana, ids.ben].sort());
    expect(review.some((m) => m.channel && m.message.text.includes('review due for MS-0001'))).toBe(true);
    expect(review.some((m) => m.message.text.includes('MS-0002'))).toBe(false);
    expect((await t.deps.db.case.findUniqueOrThrow({ where: { code: 'MS-0001' } })).nextReviewAt?.toISOString()).toBe(
      '2027-05-23T08:00:00.000Z',
    );
  });

  it('hands on a leaving mentor’s cases: assignments end and coordinators are told which need a mentor', async () => {
    await openAndAssign();
    const shown = await d.run(coord, 'network', 'deactivate', { member: 'Ben' });
    expect(shown.messages[0]?.fields).toEqual(
      expect.arrayContaining([{ label: 'cases', value: 'MS-0001 (co-mentor)' }]),
    );
    await d.click(coord, 'network.deactivate.confirm', ids.ben!);
    expect(await activeCaseMembers(t.deps.db, 'MS-0001')).toEqual([{ memberId: ids.ana, role: 'mentor' }]);
    await runDueJobs(t.deps);
    const posted = (await owedMessages(t.deps)).filter((m) => m.channel);
    expect(posted.map((m) => m.message.text).join('\n')).toContain(
      'Ben has left the network. These cases need a mentor now: MS-0001 (needs a co-mentor)',
    );
  });
});
