// Supervision by default: the cadence proposes the next supervision to mentor and coach a week
// before it falls due, records it once both confirm, reminds weekly while it is overdue, and
// /supervision coverage reports who is overdue, never supervised, or has their coach on a case.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCadence } from '../../../src/features/supervision/cadence.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages } from '../../helpers/owed.js';
import { driver, slack, text } from '../cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const jo = slack('U0JO', 'jo');
const ana = slack('U0ANA', 'ana');
const rowan = slack('U0ROWAN', 'rowan');
const bo = slack('U0BO', 'bo');
let anaId: string;
let rowanId: string;
let boId: string;

// Each test gets its own database: the cadence is driven by the clock, so tests cannot share one.
beforeEach(async () => {
  t = await createTestContext();
  d = driver(t);
  await d.join(jo, ['coordinator']);
  anaId = await d.join(ana, ['mentor']);
  rowanId = await d.join(rowan, ['mentor', 'peer_supervisor']);
  boId = await d.join(bo, ['mentor']);
  await t.deps.db.mentorRecord.create({
    data: {
      memberId: anaId,
      coachId: rowanId,
      createdAt: new Date('2026-11-02T10:00:00Z'),
      updatedAt: new Date('2026-11-02T10:00:00Z'),
    },
  });
});
afterEach(() => t.close());

async function dayAt(iso: string) {
  t.clock.set(iso);
  const before = (await owedMessages(t.deps)).length;
  const result = await t.deps.db.$transaction((tx) => runCadence({ tx, deps: t.deps, now: t.clock.now() }));
  return { ...result, owed: (await owedMessages(t.deps)).slice(before) };
}

// bo attended a group supervision: it counts, so bo has been supervised (but has no coach).
async function boAttendedGroup() {
  const group = randomUUID();
  await t.deps.db.groupSupervision.create({
    data: {
      id: group,
      startsAt: new Date('2026-11-20T18:00:00Z'),
      topic: 'personal_impact',
      capacity: 8,
      createdById: (await d.memberOf(jo)).id,
    },
  });
  await t.deps.db.groupSignup.create({ data: { groupId: group, memberId: boId, attended: true } });
}

const coverage = async () =>
  Object.fromEntries(
    (await d.run(jo, 'supervision', 'coverage')).messages[0]!.fields!.map((f) => [
      f.label.replace(/ \(\d+\)$/, ''),
      f.value,
    ]),
  );

describe('supervision cadence', () => {
  it('proposes a week ahead to both, reminds weekly when overdue, and coverage reports it', async () => {
    expect((await dayAt('2026-11-22T08:00:00Z')).proposed).toBe(0);
    const proposed = await dayAt('2026-11-23T08:00:00Z');
    expect(proposed.owed.map((m) => m.recipientMemberId).sort()).toEqual([anaId, rowanId].sort());
    expect(proposed.owed[0]!.message.text).toContain('ana with rowan (coach), due by 2026-11-30');
    expect((await dayAt('2026-11-24T08:00:00Z')).owed).toEqual([]);

    const overdue = await dayAt('2026-12-01T08:00:00Z');
    expect(overdue.reminded).toBe(1);
    expect(overdue.owed.map((m) => m.message.title)).toEqual(['Supervision overdue', 'Supervision overdue']);
    expect((await dayAt('2026-12-02T08:00:00Z')).reminded).toBe(0);
    expect((await dayAt('2026-12-08T08:00:00Z')).reminded).toBe(1);

    await boAttendedGroup();
    const code = await d.openCase(jo);
    await d.run(jo, 'case', 'assign', { case: code, member: 'ana' });
    await d.run(jo, 'case', 'assign', { case: code, member: 'rowan', role: 'co_mentor' });
    const report = await coverage();
    expect(report.Overdue).toContain('ana (due 2026-11-30)');
    expect(report['Never supervised']).toBe('ana, rowan');
    expect(report['Coach assigned to one of their cases']).toBe(`ana: rowan on ${code}`);
    expect(report['No coach yet']).toBe('bo, rowan');
  });

  it('records the supervision once mentor and coach both confirm, and the next is proposed from then', async () => {
    // The supervision was proposed, fell due and was reminded of; bo went to a group supervision.
    for (const day of ['2026-11-22', '2026-11-23', '2026-11-24', '2026-12-01', '2026-12-02', '2026-12-08']) {
      await dayAt(`${day}T08:00:00Z`);
    }
    await boAttendedGroup();
    const proposal = (await owedMessages(t.deps)).find(
      (m) => m.recipientMemberId === anaId && m.message.buttons?.length,
    )!.message.buttons![0]!;
    expect(text(await d.click(ana, proposal.actionId, proposal.value))).toContain('once the other person confirms');
    expect(text(await d.click(bo, proposal.actionId, proposal.value))).toContain('not one of yours');
    expect(text(await d.click(rowan, proposal.actionId, proposal.value))).toContain('both of you have confirmed');
    const report = await coverage();
    expect(report.Overdue).not.toContain('ana');
    expect(report['Never supervised']).toBe('rowan');
    expect((await dayAt('2026-12-09T08:00:00Z')).owed).toEqual([]);
    expect((await dayAt('2027-01-05T08:00:00Z')).owed[0]?.message.text).toContain('due by 2027-01-05');
  });
});
