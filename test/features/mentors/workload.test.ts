// The weekly workload pass: more than the network's number of sessions in a week, or any P1
// exposure, brings an extra, gentle check-in through the ordinary check-in rules (none while a
// mentor's check-ins are paused).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerWorkloadCheckins } from '../../../src/features/mentors/hours.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { driver, slack } from '../cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;

beforeAll(async () => {
  t = await createTestContext();
  d = driver(t);
});
afterAll(() => t.close());

describe('workload', () => {
  it('offers a gentle check-in after more than N sessions or a P1 in the week, respecting paused check-ins', async () => {
    t.clock.set('2026-11-30T09:00:00Z');
    await d.join(slack('U0JO', 'jo'), ['coordinator']);
    const [busy, steady, exposed, paused] = [
      await d.join(slack('U0A', 'ana')),
      await d.join(slack('U0B', 'ben')),
      await d.join(slack('U0C', 'cal')),
      await d.join(slack('U0D', 'dee')),
    ];
    const code = await d.openCase(slack('U0JO', 'jo'));
    const caseId = (await t.deps.db.case.findUniqueOrThrow({ where: { code } })).id;
    const sessions = async (memberId: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const id = randomUUID();
        await t.deps.db.mentoringSession.create({
          data: {
            id,
            caseId,
            mentorId: memberId,
            status: 'ended',
            startedAt: new Date(Date.parse('2026-11-24T10:00:00Z') + i * 86_400_000),
            endedAt: new Date(Date.parse('2026-11-24T11:00:00Z') + i * 86_400_000),
          },
        });
        await t.deps.db.sessionParticipant.create({ data: { sessionId: id, memberId, endedAt: new Date() } });
      }
    };
    await sessions(busy, 5);
    await sessions(steady, 4);
    await sessions(paused, 6);
    await t.deps.db.checkinSchedule.create({ data: { memberId: paused, weekdays: [1], minute: 600, paused: true } });
    await t.deps.db.escalation.create({
      data: {
        id: randomUUID(),
        tier: 'P1',
        category: 'violence_threat',
        reporterId: exposed,
        policy: {},
        raisedAt: new Date('2026-11-27T20:00:00Z'),
        deadlineAt: new Date('2026-11-27T20:05:00Z'),
        clientTold: 'not_yet',
        detailsEnc: 'sealed',
      },
    });
    const offered = await t.deps.db.$transaction((tx) =>
      offerWorkloadCheckins({ tx, deps: t.deps, now: t.clock.now() }),
    );
    expect(offered.sort()).toEqual([busy, exposed].sort());
    const checkins = await t.deps.db.checkin.findMany({ where: { reason: 'workload' } });
    expect(checkins.map((c) => c.memberId).sort()).toEqual([busy, exposed].sort());
    await t.deps.db.$transaction((tx) => offerWorkloadCheckins({ tx, deps: t.deps, now: t.clock.now() }));
    expect(await t.deps.db.checkin.count({ where: { reason: 'workload' } })).toBe(2);
  });
});
