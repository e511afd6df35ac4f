// Sessions: the check-out chain after the planned end (prompt, reminder, P1 overdue escalation),
// fenced by the mentor ending in time; paired mentors check out separately.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkoutChain } from '../../../src/features/sessions/policy.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';
import { driver, slack, text } from '../cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const coord = slack('U-COORD', 'Cam');
const ana = slack('U-ANA', 'Ana');
const ben = slack('U-BEN', 'Ben');
let ids: Record<string, string> = {};
let code = '';
const SAFETY = 'Back room of the Old Oak cafe; my partner knows I am there';

const toMember = async (memberId: string) =>
  (await owedMessages(t.deps)).filter((m) => m.recipientMemberId === memberId);
const at = async (iso: string) => {
  t.clock.set(iso);
  await runDueJobs(t.deps);
};
const plan = (user = ana, start: string, paired = 'no', extra: Record<string, string> = {}) =>
  d.submit(user, 'session.plan', {
    caseCode: code,
    start,
    expectedMinutes: '60',
    venueType: 'community',
    paired,
    safetyNotes: SAFETY,
    ...extra,
  });

describe('check-out chain (policy)', () => {
  it('keeps the steps in order whatever is configured (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 0, max: 240 }),
        (p, r, o) => {
          const chain = checkoutChain(new Date('2026-11-23T11:00:00Z'), { prompt: p, reminder: r, overdue: o });
          expect(chain.map((s) => s.step)).toEqual(['prompt', 'reminder', 'overdue']);
          expect(chain[0]!.at.getTime()).toBeLessThanOrEqual(chain[1]!.at.getTime());
          expect(chain[1]!.at.getTime()).toBeLessThanOrEqual(chain[2]!.at.getTime());
          expect(chain[0]!.at.getTime()).toBeGreaterThanOrEqual(new Date('2026-11-23T11:00:00Z').getTime());
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('/session', () => {
  // Every test here moves the clock and counts escalations, so each gets a fresh context.
  beforeEach(async () => {
    t = await createTestContext({ channelPlatforms: ['slack'] });
    d = driver(t);
    ids = { coord: await d.join(coord, ['coordinator']), ana: await d.join(ana), ben: await d.join(ben) };
    code = await d.openAssigned(coord, 'Ana');
    await d.run(coord, 'case', 'assign', { case: code, member: 'Ben', role: 'co_mentor' });
  });
  afterEach(() => t.close());

  it('asks at +15, reminds at +30 and raises a P1 "mentor overdue" escalation at +45 when a planned session is not ended', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const planned = await plan(ana, '2026-11-23 10:00');
    expect(planned.messages[0]?.title).toBe(`Session planned: ${code}`);
    const stored = await t.deps.db.mentoringSession.findFirstOrThrow({ where: { mentorId: ids.ana } });
    expect(stored.safetyNotesEnc).not.toContain('Old Oak');

    await at('2026-11-23T11:14:00Z');
    expect((await toMember(ids.ana!)).filter((m) => m.message.title?.includes('Are you safe'))).toHaveLength(0);
    await at('2026-11-23T11:15:00Z');
    const prompt = (await toMember(ids.ana!)).filter((m) => m.message.title?.startsWith('Are you safe?'));
    expect(prompt).toHaveLength(1);
    expect(prompt[0]!.message.text).toContain('999');
    expect(prompt[0]!.message.buttons?.[0]).toMatchObject({
      actionId: 'session.safe',
      label: 'I’m safe, end session',
      value: stored.id,
    });

    await at('2026-11-23T11:29:00Z');
    expect(
      (await toMember(ids.ana!)).filter((m) => m.message.title?.startsWith('Reminder: please check out')),
    ).toHaveLength(0);
    await at('2026-11-23T11:30:00Z');
    expect(
      (await toMember(ids.ana!)).filter((m) => m.message.title?.startsWith('Reminder: please check out')),
    ).toHaveLength(1);
    expect(await t.deps.db.escalation.count()).toBe(0);

    await at('2026-11-23T11:45:00Z');
    const escalations = await t.deps.db.escalation.findMany();
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      tier: 'P1',
      category: 'mentor_overdue',
      caseCode: code,
      reporterId: ids.ana,
      sourceSessionId: stored.id,
    });
    expect(
      (await toMember(ids.ana!)).some((m) => m.message.title === 'The duty coordinator has been asked to check on you'),
    ).toBe(true);
    // The coordinators' channel carries no free text: not the safety notes.
    for (const m of (await owedMessages(t.deps)).filter((o) => o.channel))
      expect(JSON.stringify(m.message)).not.toContain('Old Oak');

    // Ending now stops nothing more than it should: no further steps, and the debrief prompt.
    const ended = await d.click(ana, 'session.safe', stored.id);
    expect(ended.messages[0]?.buttons?.[0]).toMatchObject({ actionId: 'debrief.open', value: stored.id });
    expect((await t.deps.db.mentoringSession.findUniqueOrThrow({ where: { id: stored.id } })).status).toBe('ended');
    const safe = (await owedMessages(t.deps)).filter((m) => m.channel && m.message.text.includes('says they are safe'));
    expect(safe.map((m) => m.message.text)).toEqual([
      `Ana has ended their session on ${code} and says they are safe (escalation #${escalations[0]!.number}). Please still confirm with them and resolve the escalation.`,
    ]);
  });

  it('does nothing after the mentor ends in time', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    await plan(ana, '2026-11-24 10:00');
    const session = await t.deps.db.mentoringSession.findFirstOrThrow({
      where: { plannedStart: new Date('2026-11-24T10:00:00Z') },
    });
    await at('2026-11-24T10:02:00Z');
    expect(text(await d.run(ana, 'session', 'start', { case: code }))).toContain('Expected end 11:02');
    await at('2026-11-24T10:50:00Z');
    expect(text(await d.run(ana, 'session', 'end'))).toContain('you are checked out');
    const before = (await toMember(ids.ana!)).length;
    for (const iso of [
      '2026-11-24T11:05:00Z',
      '2026-11-24T11:17:00Z',
      '2026-11-24T11:32:00Z',
      '2026-11-24T11:47:00Z',
      '2026-11-24T12:00:00Z',
    ])
      await at(iso);
    expect((await toMember(ids.ana!)).length).toBe(before);
    expect(await t.deps.db.escalation.count({ where: { sourceSessionId: session.id } })).toBe(0);
    expect(
      await t.deps.db.job.count({
        where: { kind: 'session.checkout', subjectId: `${session.id}:${ids.ana}`, status: 'done' },
      }),
    ).toBe(0);
  });

  it('checks out paired mentors separately: each has their own chain', async () => {
    t.clock.set('2026-11-25T09:00:00Z');
    await plan(ana, '2026-11-25 10:00', 'yes');
    const session = await t.deps.db.mentoringSession.findFirstOrThrow({
      where: { plannedStart: new Date('2026-11-25T10:00:00Z') },
    });
    expect(session.paired).toBe(true);
    expect((await toMember(ids.ben!)).some((m) => m.message.text.includes('planned a paired session with you'))).toBe(
      true,
    );
    await at('2026-11-25T11:05:00Z');
    expect(text(await d.run(ana, 'session', 'end'))).toContain('checked out');
    expect((await t.deps.db.mentoringSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('planned');
    const anaBefore = (await toMember(ids.ana!)).length;
    for (const iso of ['2026-11-25T11:15:00Z', '2026-11-25T11:30:00Z', '2026-11-25T11:45:00Z']) await at(iso);
    expect(
      (await toMember(ids.ana!)).slice(anaBefore).filter((m) => !m.message.title?.startsWith('Escalation')),
    ).toEqual([]);
    const benSaw = (await toMember(ids.ben!)).map((m) => m.message.title ?? '');
    expect(benSaw.filter((s) => s.startsWith('Are you safe?'))).toHaveLength(1);
    expect(benSaw.filter((s) => s.startsWith('Reminder: please check out'))).toHaveLength(1);
    expect(await t.deps.db.escalation.findMany({ where: { sourceSessionId: session.id } })).toEqual([
      expect.objectContaining({ reporterId: ids.ben, tier: 'P1' }),
    ]);
    await d.click(ben, 'session.safe', session.id);
    expect((await t.deps.db.mentoringSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('ended');
  });

  it('records an unplanned session with start and end, and refuses a case that is not yours', async () => {
    t.clock.set('2026-11-26T14:00:00Z');
    expect(text(await d.run(ana, 'session', 'start', { case: code, minutes: 30 }))).toContain('Expected end 14:30');
    expect(text(await d.run(ana, 'session', 'start', { case: code }))).toContain('already have a session under way');
    await at('2026-11-26T14:44:00Z');
    expect(
      (await toMember(ids.ana!)).filter(
        (m) => m.createdAt >= new Date('2026-11-26T14:00:00Z') && m.message.title?.startsWith('Are you safe?'),
      ),
    ).toHaveLength(0);
    await at('2026-11-26T14:45:00Z');
    expect(
      (await toMember(ids.ana!)).filter(
        (m) => m.createdAt >= new Date('2026-11-26T14:00:00Z') && m.message.title?.startsWith('Are you safe?'),
      ),
    ).toHaveLength(1);
    expect(text(await d.run(ana, 'session', 'end', { case: code }))).toContain('checked out');
    const outsider = slack('U-OUT', 'Ola');
    await d.join(outsider);
    expect(text(await d.run(outsider, 'session', 'start', { case: code }))).toContain(`could not find a case ${code}`);
    expect(text(await d.run(outsider, 'session', 'end'))).toContain('no session under way');
  });
});
