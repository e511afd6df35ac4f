// Hours for a month that spans a clock change (October 2026: London falls back on the 25th): a
// tracked session counts its real elapsed time from start to the mentor's own end, a paired session
// counts for each mentor, an untracked one counts the debrief's stated length, months follow the
// London calendar, and pay comes from the network's settings.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { readSettings, writeSettings } from '../../../src/core/settings.js';
import { exportHours, monthHours } from '../../../src/features/mentors/hours.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { driver, slack, text } from '../cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const jo = slack('U0JO', 'jo');
const ana = slack('U0ANA', 'ana');
const ben = slack('U0BEN', 'ben');
let anaId: string;
let benId: string;
let caseId: string;
let code: string;

beforeAll(async () => {
  t = await createTestContext();
  d = driver(t);
  await d.join(jo, ['coordinator']);
  anaId = await d.join(ana, ['mentor']);
  benId = await d.join(ben, ['mentor']);
  code = await d.openCase(jo);
  caseId = (await t.deps.db.case.findUniqueOrThrow({ where: { code } })).id;
});
afterAll(() => t.close());

async function session(
  startedAt: string,
  ends: Record<string, string>,
  travel: { minutes?: number; pence?: number } = {},
) {
  const id = randomUUID();
  const last = Object.values(ends).sort().at(-1)!;
  await t.deps.db.mentoringSession.create({
    data: {
      id,
      caseId,
      mentorId: Object.keys(ends)[0]!,
      status: 'ended',
      startedAt: new Date(startedAt),
      endedAt: new Date(last),
      paired: Object.keys(ends).length > 1,
    },
  });
  for (const [memberId, endedAt] of Object.entries(ends)) {
    await t.deps.db.sessionParticipant.create({
      data: {
        sessionId: id,
        memberId,
        endedAt: new Date(endedAt),
        travelMinutes: memberId === anaId ? travel.minutes : undefined,
        travelCostPence: memberId === anaId ? travel.pence : undefined,
      },
    });
  }
  return id;
}

const debrief = (authorId: string, sessionDate: string, lengthMinutes: number, sessionId?: string) =>
  t.deps.db.debrief.create({
    data: {
      id: randomUUID(),
      authorId,
      caseCode: code,
      caseId,
      sessionId,
      sessionDate: new Date(`${sessionDate}T00:00:00Z`),
      sessionWent: 'ok',
      feeling: 3,
      flagConcern: false,
      lengthMinutes,
    },
  });

let seeded: Promise<void> | undefined;
/** Ana's and Ben's October and its edges, made once for the tests that read that month. */
const october = () =>
  (seeded ??= (async () => {
    // 00:30 BST to 02:30 GMT on 25 October: two hours on the clock face, three in fact.
    const paired = await session(
      '2026-10-24T23:30:00Z',
      { [anaId]: '2026-10-25T02:30:00Z', [benId]: '2026-10-25T02:00:00Z' },
      { minutes: 40, pence: 1250 },
    );
    await debrief(anaId, '2026-10-25', 999, paired); // tracked: the timing counts, not the stated length
    await session('2026-09-30T23:15:00Z', { [anaId]: '2026-09-30T23:45:00Z' }); // 00:15 on 1 October in London
    await session('2026-10-31T23:30:00Z', { [anaId]: '2026-11-01T00:30:00Z' }); // 23:30 GMT on 31 October
    await session('2026-11-01T00:10:00Z', { [anaId]: '2026-11-01T01:00:00Z' }); // November
    await debrief(anaId, '2026-10-12', 50); // not tracked: the debrief's stated length
  })());

describe('hours in a month with a clock change', () => {
  it('adds real elapsed time, counts a paired session for each mentor, and follows the London calendar', async () => {
    await october();

    expect(await t.deps.db.$transaction((tx) => monthHours(tx, t.deps, anaId, '2026-10'))).toMatchObject({
      sessions: 4,
      tracked: 3,
      fromDebriefs: 1,
      minutes: 320,
      travelMinutes: 40,
      travelCostPence: 1250,
      payPence: 12000,
      basis: 'day',
    });
    expect(await t.deps.db.$transaction((tx) => monthHours(tx, t.deps, benId, '2026-10'))).toMatchObject({
      sessions: 1,
      minutes: 150,
      payPence: 5000,
    });
    const fields = Object.fromEntries(
      (await d.run(jo, 'mentor', 'hours', { member: 'ana', month: '2026-10' })).messages[0]!.fields!.map((f) => [
        f.label,
        f.value,
      ]),
    );
    expect(fields).toEqual({
      'Session time': '5 h 20 min',
      'Travel time': '0 h 40 min',
      'Travel cost': '£12.50',
      'Pay (day rate, session and travel time)': '£120.00',
    });
  });

  it('pays by the hour once the network sets an hourly rate, and exports every mentor’s month', async () => {
    await october();
    const { mentorCare } = await readSettings(t.deps.db, t.deps);
    onTestFinished(() =>
      t.deps.db.$transaction((tx) => writeSettings(tx, t.deps, { mentorCare })).then(() => undefined),
    );
    expect(text(await d.run(jo, 'network', 'settings', { mentor_hourly_rate: '18.00' }))).toContain('£18.00 an hour');
    const exported = await exportHours(t.deps, '2026-10');
    expect(exported.pay).toEqual({ basis: 'hour', ratePence: 1800, hoursPerDay: 7.5 });
    expect(exported.mentors.map((m) => [m.name, m.minutes, m.payPence])).toEqual([
      ['ana', 320, 10800],
      ['ben', 150, 4500],
    ]);
    expect(text(await d.run(ben, 'mentor', 'hours', { month: '2026-10' }))).toContain('1 session: 1 timed');
    expect(text(await d.run(ben, 'mentor', 'hours', { member: 'ana', month: '2026-10' }))).toContain('only your own');
    expect(text(await d.run(jo, 'mentor', 'hours', { member: 'ana', month: '2026-13' }))).toContain(
      'month: please give it as YYYY-MM',
    );
  });

  it('takes travel at /session end, and refuses a cost that is not an amount without ending anything', async () => {
    await t.deps.db.caseAssignment.create({
      data: { id: randomUUID(), caseId, memberId: benId, role: 'mentor', assignedAt: t.clock.now() },
    });
    expect(text(await d.run(ben, 'session', 'end', { case: code, travel_cost: 'lots' }))).toContain(
      'travel_cost should be an amount such as 12.50',
    );
    const before = await t.deps.db.mentoringSession.count();
    await d.run(ben, 'session', 'end', { case: code, travel_minutes: 25, travel_cost: '3.40' });
    expect(await t.deps.db.mentoringSession.count()).toBe(before + 1);
    const part = await t.deps.db.sessionParticipant.findFirstOrThrow({
      where: { memberId: benId, travelMinutes: { not: null } },
    });
    expect([part.travelMinutes, part.travelCostPence]).toEqual([25, 340]);
  });

  it('takes travel in the debrief, counts it in the month, and refuses a cost that is not an amount on its field', async () => {
    const answers = {
      caseCode: code,
      sessionDate: '2026-12-02',
      sessionWent: 'well',
      lengthMinutes: '45',
      feeling: '4',
      flagConcern: 'no',
      travelMinutes: '30',
    };
    t.clock.set('2026-12-03T10:00:00Z');
    const refused = await d.submit(ana, 'debrief', { ...answers, travelCost: 'lots' });
    expect(refused.errors).toEqual({ travelCost: 'Travel cost should be an amount such as 12.50.' });
    expect(
      await t.deps.db.debrief.count({ where: { authorId: anaId, sessionDate: new Date('2026-12-02T00:00:00Z') } }),
    ).toBe(0);
    await d.submit(ana, 'debrief', { ...answers, travelCost: '£4.50' });
    expect(await t.deps.db.$transaction((tx) => monthHours(tx, t.deps, anaId, '2026-12'))).toMatchObject({
      sessions: 1,
      fromDebriefs: 1,
      minutes: 45,
      travelMinutes: 30,
      travelCostPence: 450,
    });
  });
});
