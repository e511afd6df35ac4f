// Issue 16, "escalation sources checked for ownership": the escalation form remembers the debrief or
// session it was opened from in its context, which comes back from the platform with the submission.
// The debrief was checked (the reporter's own), the session was not: a session id from someone
// else's session was stored as the escalation's source, and the escalation took over the open
// concern that session already had. Now a session is kept only when the reporter took part in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/deps.js';
import { driver, slack, text } from '../features/cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const coord = slack('U-COORD', 'Cleo');
const ana = slack('U-ANA', 'Ana');
const ben = slack('U-BEN', 'Ben');
const ids: Record<string, string> = {};
let code = '';
let anasSession = '';

const escalation = (caseCode: string) => ({
  category: 'other',
  caseCode,
  details: 'He spoke of a rally at the weekend.',
  clientTold: 'not_yet',
});
const latestEscalationBy = (reporterId: string) =>
  t.deps.db.escalation.findFirstOrThrow({ where: { reporterId }, orderBy: { number: 'desc' } });

/** A planned session of Ana's that carries a safeguarding concern of its own (source: the session). */
async function plannedByAna(start: string): Promise<string> {
  const planned = await d.submit(ana, 'session.plan', {
    caseCode: code,
    start,
    expectedMinutes: '60',
    venueType: 'community',
    paired: 'no',
    safetyNotes: 'Cafe on the high street.',
    safeguarding: 'yes',
  });
  expect(text(planned)).toContain('safeguarding concern');
  const sessions = await t.deps.db.mentoringSession.findMany({
    where: { mentorId: ids.ana },
    orderBy: { plannedStart: 'desc' },
  });
  return sessions[0]!.id;
}

beforeAll(async () => {
  t = await createTestContext();
  d = driver(t);
  [ids.coord, ids.ana, ids.ben] = await d.joinTeam(coord, ana, ben);
  code = await d.openAssigned(coord, 'Ana');
  anasSession = await plannedByAna('2026-11-24 14:00');
});
afterAll(() => t.close());

describe('an escalation keeps only a source that is the reporter’s own', () => {
  it('drops another mentor’s session from the form’s context: no source stored, and that session’s concern is left alone', async () => {
    const raised = await d.submit(ben, 'escalate', escalation(code), { sessionId: anasSession });
    expect(raised.messages[0]?.title).toMatch(/^Escalation #\d+ sent$/);
    const row = await latestEscalationBy(ids.ben!);
    expect(row.sourceSessionId).toBeNull();
    // Ana's concern is still hers, unescalated; Ben's escalation has a concern of its own.
    const anasConcern = await t.deps.db.concern.findFirstOrThrow({
      where: { source: 'session', sourceId: anasSession },
    });
    expect(anasConcern.escalationId).toBeNull();
    expect(await t.deps.db.concern.findFirstOrThrow({ where: { escalationId: row.id } })).toMatchObject({
      source: 'escalation',
      raisedById: ids.ben,
    });
  });

  it('drops another mentor’s debrief likewise', async () => {
    const saved = await d.submit(ana, 'debrief', {
      caseCode: code,
      sessionDate: 'today',
      sessionWent: 'well',
      feeling: '4',
      flagConcern: 'no',
    });
    const anasDebrief = saved.messages[0]!.buttons![0]!.value!;
    await d.submit(ben, 'escalate', escalation(code), { debriefId: anasDebrief });
    expect((await latestEscalationBy(ids.ben!)).sourceDebriefId).toBeNull();
  });

  it('drops a context value that is not an id at all, and still raises the escalation', async () => {
    const raised = await d.submit(ben, 'escalate', escalation(code), {
      sessionId: '-'.repeat(36),
      debriefId: "x' OR 1=1 --",
    });
    expect(text(raised)).not.toMatch(/something went wrong/i);
    expect(await latestEscalationBy(ids.ben!)).toMatchObject({ sourceSessionId: null, sourceDebriefId: null });
  });

  it('keeps the reporter’s own session, and takes on the concern it already has', async () => {
    // A session of its own, so the one the first test guards keeps its concern unescalated.
    const own = await plannedByAna('2026-11-25 14:00');
    await d.submit(ana, 'escalate', escalation(code), { sessionId: own });
    const row = await latestEscalationBy(ids.ana!);
    expect(row.sourceSessionId).toBe(own);
    expect(
      (await t.deps.db.concern.findFirstOrThrow({ where: { source: 'session', sourceId: own } })).escalationId,
    ).toBe(row.id);
  });
});
