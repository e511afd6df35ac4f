// Issue 16, "the same answer for a case that does not exist and one the mentor may not see": in
// every place a mentor names a case, a real case they are not assigned to and a code the bot has
// never issued get the same answer, word for word, so case codes cannot be probed. Before the fix
// /debrief refused "You are not assigned to MS-0001" only for real codes (and took unknown ones),
// and /concern show marked a code the bot does not know "(unknown case)".
//
// A debrief is still always taken (a mentor must be able to write down a hard session, and paper-era
// codes are real work): one naming a case that is not the author's is saved unlinked, exactly as one
// naming an unknown code is, and neither joins a case's record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawValue } from '../../src/core/form.js';
import type { Outcome } from '../../src/core/router.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';
import { driver, slack } from '../features/cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const coord = slack('U-COORD', 'Cleo');
const ana = slack('U-ANA', 'Ana');
const ben = slack('U-BEN', 'Ben');
const ids: Record<string, string> = {};
let real = '';
/** A second case of Ana's, only for the /debrief test, so other tests' records on `real` stay off its timeline. */
let debriefCase = '';
const UNKNOWN = 'MS-0999';

beforeAll(async () => {
  t = await createTestContext();
  d = driver(t);
  [ids.coord, ids.ana, ids.ben] = await d.joinTeam(coord, ana, ben);
  real = await d.openAssigned(coord, 'Ana');
  debriefCase = await d.openAssigned(coord, 'Ana');
});
afterAll(() => t.close());

/** What the mentor is shown, with the code they typed, ids, numbers and counts put aside. */
function shown(outcome: Outcome, code: string): string {
  return JSON.stringify({ form: outcome.form?.form.id, errors: outcome.errors, messages: outcome.messages })
    .replaceAll(code, '<code>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/#\d+/g, '#<n>');
}

/** Runs the same thing for the real case (not Ben's) and for the unknown code; both answers must match. */
async function sameAnswer(act: (code: string) => Promise<Outcome>, realCode = real): Promise<string> {
  const forReal = shown(await act(realCode), realCode);
  const forUnknown = shown(await act(UNKNOWN), UNKNOWN);
  expect(forReal).toEqual(forUnknown);
  expect(forReal).not.toMatch(/something went wrong/i);
  return forReal;
}

const debrief = (code: string): Record<string, RawValue> => ({
  caseCode: code,
  sessionDate: 'today',
  sessionWent: 'difficult',
  feeling: '3',
  flagConcern: 'no',
  notes: 'A long talk about his brother.',
});

describe('a case the mentor may not see is answered like one that does not exist', () => {
  it('/debrief: both are saved, unlinked, with the same words; neither joins the case’s record', async () => {
    const earlier = (await t.deps.db.debrief.findMany({ select: { id: true } })).map((b) => b.id);
    const answer = await sameAnswer((code) => d.submit(ben, 'debrief', debrief(code)), debriefCase);
    expect(answer).toContain('Debrief saved');
    expect(answer).not.toContain('not assigned');
    const bens = await t.deps.db.debrief.findMany({
      where: { authorId: ids.ben, id: { notIn: earlier } },
      orderBy: { createdAt: 'asc' },
    });
    expect(bens.map((b) => ({ caseCode: b.caseCode, caseId: b.caseId, sessionId: b.sessionId }))).toEqual([
      { caseCode: debriefCase, caseId: null, sessionId: null },
      { caseCode: UNKNOWN, caseId: null, sessionId: null },
    ]);
    // The case's own mentor still debriefs into the case's record.
    await d.submit(ana, 'debrief', debrief(debriefCase));
    const caseId = (await t.deps.db.case.findUniqueOrThrow({ where: { code: debriefCase } })).id;
    expect(await t.deps.db.debrief.count({ where: { caseId } })).toBe(1);
    const timeline = JSON.stringify((await d.run(coord, 'case', 'timeline', { case: debriefCase })).messages);
    expect(timeline).toContain('by Ana');
    expect(timeline).not.toContain('by Ben');
  });

  it('/debrief with a flagged concern: the same words, and the coordinators are still told', async () => {
    const before = await t.deps.db.concern.count({ where: { raisedById: ids.ben } });
    await sameAnswer((code) =>
      d.submit(ben, 'debrief', { ...debrief(code), flagConcern: 'yes', concernCategory: 'other' }),
    );
    expect(await t.deps.db.concern.count({ where: { raisedById: ids.ben } })).toBe(before + 2);
  });

  it('/case list, /case timeline and /case review', async () => {
    expect(await sameAnswer((code) => d.run(ben, 'case', 'list', { case: code }))).toContain(
      'could not find a case <code>',
    );
    expect(await sameAnswer((code) => d.run(ben, 'case', 'timeline', { case: code }))).toContain(
      'could not find a case <code>',
    );
    expect(await sameAnswer((code) => d.run(ben, 'case', 'review', { case: code }))).toContain(
      'could not find a case <code>',
    );
  });

  it('/session plan, start and end', async () => {
    const plan = (code: string) =>
      d.submit(ben, 'session.plan', {
        caseCode: code,
        start: '2026-11-24 14:00',
        expectedMinutes: '60',
        venueType: 'community',
        paired: 'no',
      });
    expect(await sameAnswer(plan)).toContain('could not find a case <code>');
    expect(await sameAnswer((code) => d.run(ben, 'session', 'start', { case: code }))).toContain(
      'could not find a case <code>',
    );
    expect(await sameAnswer((code) => d.run(ben, 'session', 'end', { case: code }))).toContain(
      'could not find a case <code>',
    );
    expect(await t.deps.db.mentoringSession.count({ where: { mentorId: ids.ben } })).toBe(0);
  });

  it('/escalate: the same confirmation', async () => {
    const answer = await sameAnswer((code) =>
      d.submit(ben, 'escalate', {
        category: 'other',
        caseCode: code,
        details: 'He spoke of a rally.',
        clientTold: 'not_yet',
      }),
    );
    expect(answer).toContain('Escalation #<n> sent');
  });

  it('/concern raise and the raiser’s own /concern show: the same, never "(unknown case)"', async () => {
    const numbers: number[] = [];
    const raise = async (code: string) => {
      const outcome = await d.submit(ben, 'concern.raise', {
        caseCode: code,
        category: 'other',
        urgency: 'routine',
        account: 'Worried about his new friends.',
      });
      numbers.push(Number(/Concern #(\d+)/.exec(outcome.messages[0]!.title ?? '')?.[1]));
      return outcome;
    };
    await sameAnswer(raise);
    let i = 0;
    const answer = await sameAnswer(() => d.run(ben, 'concern', 'show', { number: numbers[i++]! }));
    expect(answer).not.toContain('unknown case');
    expect(JSON.stringify((await d.run(ben, 'concern', 'list')).messages)).not.toContain('unknown case');
  });

  it('/supervision request naming a case: the same answer', async () => {
    await sameAnswer((code) =>
      d.submit(
        ben,
        'supervision-request',
        {
          topic: 'ideology_faith',
          urgency: 'this_week',
          format: 'call',
          caseCode: code,
          summary: 'How far to push back.',
        },
        { via: 'command' },
      ),
    );
  });
});
