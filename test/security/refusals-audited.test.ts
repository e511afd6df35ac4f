// Issue 16, "every refusal audited with a stable reason code": a refusal decided by a feature (a
// debrief, a check-in or a digest item that is someone else's, a case a mentor may not see) is
// written to the audit log like a role refusal, with what was refused and why as a code, in its own
// write after the handler's transaction rolled back. Before the fix only role refusals were audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalReasons } from '../../src/core/refusal.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';
import { driver, slack, text } from '../features/cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const coord = slack('U-COORD', 'Cleo');
const ana = slack('U-ANA', 'Ana');
const ben = slack('U-BEN', 'Ben');
const board = slack('U-BOARD', 'Bo');
const ids: Record<string, string> = {};
let code = '';
let anasDebrief = '';

beforeAll(async () => {
  t = await createTestContext();
  d = driver(t);
  [ids.coord, ids.ana, ids.ben] = await d.joinTeam(coord, ana, ben);
  ids.board = await d.join(board, ['board']);
  code = await d.openAssigned(coord, 'Ana');
  const saved = await d.submit(ana, 'debrief', {
    caseCode: code,
    sessionDate: 'today',
    sessionWent: 'well',
    feeling: '4',
    flagConcern: 'no',
    notes: 'Talked about college.',
  });
  anasDebrief = saved.messages[0]!.buttons![0]!.value!;
});
afterAll(() => t.close());

/** The refusals audited for a member, oldest first, as { what, reason }. */
async function refusalsOf(memberId: string) {
  const rows = await t.deps.db.event.findMany({
    where: { kind: 'access.refused', actorId: memberId },
    orderBy: { id: 'asc' },
  });
  for (const row of rows)
    expect(row).toMatchObject({ subjectKind: 'member', subjectId: memberId, actorId: memberId, surface: 'slack' });
  return rows.map((r) => r.data as { what: string; reason: string });
}

async function refusedOnce(memberId: string, act: () => Promise<string>, expected: { what: string; reason: string }) {
  const before = (await refusalsOf(memberId)).length;
  const shown = await act();
  const after = await refusalsOf(memberId);
  expect(after.length, shown).toBe(before + 1);
  expect(after.at(-1)).toEqual(expected);
  return shown;
}

const shareValues = {
  situation: 'A quiet first meeting.',
  tried: 'Walking side by side.',
  result: 'He talked more.',
  themes: ['understanding_service_user'],
  credit: 'anonymous',
};

/** Every kind of refusal the tests below provoke, once each (eight), for a test that reads them all. */
async function refuseEveryWay() {
  await d.run(board, 'debrief');
  await d.click(ben, 'debrief.escalate', anasDebrief);
  await d.submit(ben, 'digest.share', shareValues, { sourceDebriefId: anasDebrief });
  await d.run(ben, 'case', 'list', { case: code });
  await d.run(ben, 'case', 'timeline', { case: 'MS-9999' });
  await d.click(ana, 'checkin.snooze', '-'.repeat(36));
  await d.click(ana, 'no.such.button', 'x');
  await d.run(coord, 'case', 'pause', { case: code, reason: 'custody' });
  await d.run(ana, 'session', 'start', { case: code });
  await d.run(coord, 'case', 'pause', { case: code, reason: 'resume' });
}

describe('every refusal is audited with a stable reason code', () => {
  it('a role refusal names what and says role', async () => {
    await refusedOnce(ids.board!, async () => text(await d.run(board, 'debrief')), {
      what: '/debrief',
      reason: 'role',
    });
  });

  it('a feature refusing someone else’s debrief (a button) is audited as not_owner, and nothing else is written', async () => {
    const escalations = await t.deps.db.escalation.count();
    const shown = await refusedOnce(ids.ben!, async () => text(await d.click(ben, 'debrief.escalate', anasDebrief)), {
      what: 'action:debrief.escalate',
      reason: 'not_owner',
    });
    expect(shown).toContain('not one of yours');
    expect(await t.deps.db.escalation.count()).toBe(escalations);
    // The refusal is recorded even though the handler's transaction (and its receipt) rolled back.
    expect(await t.deps.db.inboundReceipt.count({ where: { key: { startsWith: 'action:' } } })).toBe(0);
  });

  it('a digest share naming someone else’s debrief (a form) is audited as not_owner', async () => {
    const shown = await refusedOnce(
      ids.ben!,
      async () => text(await d.submit(ben, 'digest.share', shareValues, { sourceDebriefId: anasDebrief })),
      { what: 'form:digest.share', reason: 'not_owner' },
    );
    expect(shown).toContain('not one of yours');
    expect(await t.deps.db.contribution.count({ where: { authorId: ids.ben } })).toBe(0);
  });

  it('a mentor asking for another’s case (a command) is audited, and a missing one too', async () => {
    await refusedOnce(ids.ben!, async () => text(await d.run(ben, 'case', 'list', { case: code })), {
      what: '/case list',
      reason: 'not_owner',
    });
    await refusedOnce(ids.ben!, async () => text(await d.run(ben, 'case', 'timeline', { case: 'MS-9999' })), {
      what: '/case timeline',
      reason: 'not_found',
    });
  });

  it('a button whose value cannot be right is audited as bad_button, and an unknown button too', async () => {
    await refusedOnce(ids.ana!, async () => text(await d.click(ana, 'checkin.snooze', '-'.repeat(36))), {
      what: 'action:checkin.snooze',
      reason: 'bad_button',
    });
    await refusedOnce(ids.ana!, async () => text(await d.click(ana, 'no.such.button', 'x')), {
      what: 'action:no.such.button',
      reason: 'bad_button',
    });
  });

  it('a refusal for something closed says closed', async () => {
    await d.run(coord, 'case', 'pause', { case: code, reason: 'custody' });
    const shown = await refusedOnce(ids.ana!, async () => text(await d.run(ana, 'session', 'start', { case: code })), {
      what: '/session start',
      reason: 'closed',
    });
    expect(shown).toContain('paused');
    await d.run(coord, 'case', 'pause', { case: code, reason: 'resume' });
  });

  it('every reason recorded is one of the published codes, and no free text is in the audit data', async () => {
    await refuseEveryWay();
    const rows = await t.deps.db.event.findMany({ where: { kind: 'access.refused' } });
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      const data = row.data as Record<string, unknown>;
      expect(Object.keys(data).sort()).toEqual(['reason', 'what']);
      expect(refusalReasons).toContain(data.reason);
      expect(String(data.what)).toMatch(/^(\/[a-z]+( [a-z]+)?|action:[A-Za-z0-9._-]+|form:[A-Za-z0-9._-]+)$/);
    }
  });
});
