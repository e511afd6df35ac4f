// The full debrief through the router: the prompt after a session opens the same form prefilled;
// welfare and supervision through their own capabilities; paired debriefs compared privately;
// "where we left it" before the next session; and no free text in any outbound message but the
// author's own private view.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/core/router.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';
import { driver, slack, text } from '../cases/setup.js';
import { story } from '../../helpers/story.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const coord = slack('U-COORD', 'Cam');
const ana = slack('U-ANA', 'Ana');
const ben = slack('U-BEN', 'Ben');
const cy = slack('U-CY', 'Cy');
let ids: Record<string, string> = {};
let code = '';
let other = '';

const NOTES = 'He talked about his cousin in the Rangers firm and the match on Saturday';
const NEXT = 'Ask about the college open day and the bus pass form';
const BEN_NOTES = 'Quiet about his brother; keep an eye on the phone calls';
const BEN_NEXT = 'Bring the leaflet on the boxing club';
const secrets = [NOTES, NEXT, BEN_NOTES, BEN_NEXT];

/** Every reply shown to someone, kept with who saw it, for the no-free-text check at the end. */
const shown: { to: string; outcome: Outcome }[] = [];
const as = async (who: string, outcome: Promise<Outcome>) => {
  const result = await outcome;
  shown.push({ to: who, outcome: result });
  return result;
};
const at = async (iso: string) => {
  t.clock.set(iso);
  await runDueJobs(t.deps);
};
const fullAnswers = {
  sessionWent: 'mixed',
  engagement: 'argumentative_engaged',
  clientState: ['agitated', 'under_influence'],
  topics: ['ideology_faith', 'housing'],
  practicalSupport: ['housing'],
  riskChange: 'same',
  feeling: '4',
  flagConcern: 'no',
  wantsSupervision: 'no',
  wantsWelfare: 'no',
};

// Every test runs on a database of its own (the tests move the clock); a test that builds on an
// earlier step replays that step first, so the order tests run in does not matter.
const { steps, replay } = story();

beforeEach(async () => {
  shown.length = 0;
  t = await createTestContext({ channelPlatforms: ['slack'] });
  d = driver(t);
  ids = {
    coord: await d.join(coord, ['coordinator']),
    ana: await d.join(ana),
    ben: await d.join(ben),
    cy: await d.join(cy),
  };
  code = await d.openCase(coord);
  other = await d.openCase(coord);
  await d.run(coord, 'case', 'assign', { case: code, member: 'Ana' });
  await d.run(coord, 'case', 'assign', { case: code, member: 'Ben', role: 'co_mentor' });
  await d.run(coord, 'case', 'assign', { case: other, member: 'Cy' });
});
afterEach(() => t.close());

describe('the debrief prompt and the full form', () => {
  let sessionId = '';

  steps.prompt = async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    await as(
      'ana',
      d.submit(ana, 'session.plan', {
        caseCode: code,
        start: '2026-11-23 10:00',
        expectedMinutes: '60',
        venueType: 'community',
        paired: 'yes',
      }),
    );
    t.clock.set('2026-11-23T10:00:00Z');
    await as('ana', d.run(ana, 'session', 'start', { case: code }));
    t.clock.set('2026-11-23T10:55:00Z');
    const ended = await as('ana', d.run(ana, 'session', 'end'));
    const button = ended.messages[0]!.buttons![0]!;
    sessionId = button.value!;
    const opened = await as('ana', d.click(ana, button.actionId, button.value));
    expect(opened.form?.form.id).toBe('debrief');
    expect(opened.form?.initial).toEqual({
      caseCode: code,
      sessionDate: '2026-11-23',
      paired: 'yes',
      lengthMinutes: '55',
    });
    expect(opened.form?.context).toEqual({ sessionId });
    // /debrief opens the same form.
    expect((await as('ana', d.run(ana, 'debrief'))).form?.form.id).toBe('debrief');
  };
  it(
    'prompts after a paired session ends, opening the debrief form prefilled with case, date and length',
    replay('prompt'),
  );

  steps.save = async () => {
    t.clock.set('2026-11-23T11:10:00Z');
    const saved = await as(
      'ana',
      d.submit(
        ana,
        'debrief',
        {
          caseCode: code,
          sessionDate: '2026-11-23',
          lengthMinutes: '55',
          paired: 'yes',
          ...fullAnswers,
          flagConcern: 'yes',
          nextSteps: NEXT,
          notes: NOTES,
        },
        { sessionId },
      ),
    );
    expect(text(saved)).toContain(`Your debrief for ${code} on 2026-11-23 is saved`);
    const row = await t.deps.db.debrief.findFirstOrThrow({ where: { authorId: ids.ana } });
    expect(row).toMatchObject({
      sessionId,
      caseCode: code,
      lengthMinutes: 55,
      paired: true,
      engagement: 'argumentative_engaged',
      clientState: ['agitated', 'under_influence'],
      topics: ['ideology_faith', 'housing'],
      practicalSupport: ['housing'],
      riskChange: 'same',
      flagConcern: true,
      feeling: 4,
    });
    expect(row.notesEnc).not.toContain('cousin');
    expect(row.nextStepsEnc).not.toContain('college');
    // Flagging offers the escalation form, prefilled with the case.
    const flag = saved.messages.find((m) => m.tone === 'urgent')!;
    expect(flag.text).toContain('999');
    const escalate = await as('ana', d.click(ana, flag.buttons![0]!.actionId, flag.buttons![0]!.value));
    expect(escalate.form?.form.id).toBe('escalate');
    expect(escalate.form?.initial).toEqual({ caseCode: code });
    const raised = await as(
      'ana',
      d.submit(
        ana,
        'escalate',
        {
          category: 'other',
          caseCode: code,
          details: 'Worried about how he spoke of his neighbour',
          clientTold: 'not_yet',
        },
        escalate.form!.context!,
      ),
    );
    expect(raised.messages.length).toBeGreaterThan(0);
    expect(await t.deps.db.escalation.findMany()).toEqual([
      expect.objectContaining({ sourceDebriefId: row.id, caseCode: code, reporterId: ids.ana }),
    ]);
    expect(text(await as('ben', d.click(ben, flag.buttons![0]!.actionId, flag.buttons![0]!.value)))).toContain(
      'not one of yours',
    );
  };
  it('saves the structured answers, seals the free text and confirms without quoting it', replay('prompt', 'save'));

  steps.paired = async () => {
    await as('ben', d.run(ben, 'session', 'end'));
    const saved = await as(
      'ben',
      d.submit(
        ben,
        'debrief',
        {
          caseCode: code,
          sessionDate: '2026-11-23',
          paired: 'yes',
          ...fullAnswers,
          engagement: 'passive',
          riskChange: 'increased',
          nextSteps: BEN_NEXT,
          notes: BEN_NOTES,
        },
        { sessionId },
      ),
    );
    expect(text(saved)).toContain('is saved');
    const [a, b] = await Promise.all(
      [ids.ana, ids.ben].map((authorId) => t.deps.db.debrief.findFirstOrThrow({ where: { authorId } })),
    );
    expect(a!.pairedWithId).toBe(b!.id);
    expect(b!.pairedWithId).toBe(a!.id);
    const differences = (await owedMessages(t.deps)).filter((m) => m.message.title?.startsWith('Paired debrief'));
    expect(differences.map((m) => m.recipientMemberId).sort()).toEqual([ids.ana, ids.ben].sort());
    const toAna = differences.find((m) => m.recipientMemberId === ids.ana)!.message;
    expect(toAna.fields).toEqual([
      { label: 'Client engagement', value: 'you: Argumentative but engaged; Ben: Passive' },
      { label: 'Risk since last time', value: 'you: About the same; Ben: Increased' },
    ]);
  };
  it(
    'links paired debriefs and points out differences to both, privately, with structured answers only',
    replay('prompt', 'save', 'paired'),
  );

  steps.remind = async () => {
    // Ana debriefed; Ben ended at 11:10 and debriefed too. A third session, not debriefed:
    t.clock.set('2026-11-24T15:00:00Z');
    await as('ana', d.run(ana, 'session', 'end', { case: code }));
    await at('2026-11-24T17:59:00Z');
    const reminders = () =>
      owedMessages(t.deps).then((all) => all.filter((m) => m.message.title?.startsWith('A gentle reminder')));
    expect(await reminders()).toHaveLength(0);
    await at('2026-11-24T18:00:00Z');
    expect((await reminders()).map((m) => m.recipientMemberId)).toEqual([ids.ana]);
    await at('2026-11-25T18:00:00Z');
    expect(await reminders()).toHaveLength(1);
  };
  it('reminds once to debrief, and not someone who already has', replay('prompt', 'save', 'paired', 'remind'));
});

describe('through their own capabilities', () => {
  steps.feeling = async () => {
    t.clock.set('2026-11-25T19:00:00Z');
    const saved = await as(
      'ana',
      d.submit(ana, 'debrief', {
        caseCode: code,
        sessionDate: 'today',
        ...fullAnswers,
        feeling: '2',
        wantsSupervision: 'yes',
      }),
    );
    expect(text(saved)).toContain('you do not have to carry it alone');
    expect(text(saved)).toContain('We will check in with you tomorrow');
    const debrief = await t.deps.db.debrief.findFirstOrThrow({ where: { authorId: ids.ana, feeling: 2 } });
    expect(debrief.wantsSupervision).toBe(true);
    const checkins = await t.deps.db.checkin.findMany({ where: { memberId: ids.ana, reason: 'debrief_followup' } });
    expect(checkins).toHaveLength(1);
    expect(checkins[0]!.dueAt.toISOString().slice(0, 10)).toBe('2026-11-26');
    const requests = await t.deps.db.supervisionRequest.findMany({ where: { requesterId: ids.ana } });
    expect(requests).toEqual([expect.objectContaining({ caseCode: code, topic: 'personal_impact', urgency: 'today' })]);
    expect(text(saved)).toContain(`#${requests[0]!.number}`);
  };
  it(
    'a feeling of 1 or 2 schedules a next-day welfare check-in; asking for supervision opens a request',
    replay('feeling'),
  );

  steps.welfare = async () => {
    await as(
      'ben',
      d.submit(ben, 'debrief', {
        caseCode: code,
        sessionDate: 'today',
        ...fullAnswers,
        feeling: '4',
        wantsWelfare: 'yes',
      }),
    );
    expect(await t.deps.db.checkin.count({ where: { memberId: ids.ben, reason: 'debrief_followup' } })).toBe(1);
  };
  it('a welfare follow-up asked for with a good feeling is scheduled too', replay('welfare'));
});

describe('own records only', () => {
  steps.notMine = async () => {
    const notMine = text(
      await as(
        'cy',
        d.submit(cy, 'debrief', {
          caseCode: code,
          sessionDate: 'today',
          ...fullAnswers,
          notes: 'Met him at the library.',
        }),
      ),
    );
    expect(notMine).toContain('is saved');
    expect(notMine).toContain(`${code} is not one of your cases`);
    expect(await t.deps.db.debrief.findMany({ where: { authorId: ids.cy }, select: { caseId: true } })).toEqual([
      { caseId: null },
    ]);
    const unknown = text(
      await as(
        'cy',
        d.submit(cy, 'debrief', {
          caseCode: 'OLD-0007',
          sessionDate: 'today',
          ...fullAnswers,
          notes: 'Met him at the library.',
        }),
      ),
    );
    expect(unknown.replaceAll('OLD-0007', code)).toBe(notMine);
  };
  it(
    'takes a debrief on a case the mentor is not assigned to as it takes an unknown code: saved, unlinked, the same words',
    replay('notMine'),
  );

  steps.lists = async () => {
    const mine = await d.run(ana, 'debriefs');
    const values = mine.messages[0]!.fields!.map((f) => f.value).join('\n');
    expect(values).toContain(`notes: ${NOTES}`);
    expect(values).toContain(`next steps: ${NEXT}`);
    expect(values).not.toContain(BEN_NOTES);
    const cys = await as('cy', d.run(cy, 'debriefs'));
    const labels = cys.messages[0]!.fields!.map((f) => f.label);
    expect(labels).toHaveLength(2);
    expect(labels).toEqual(
      expect.arrayContaining([expect.stringContaining('OLD-0007'), expect.stringContaining(code)]),
    );
    expect(text(await as('cy', d.run(cy, 'case', 'list', { case: code })))).toContain('could not find');
  };
  it(
    '/debriefs lists one’s own only, with one’s own notes in the private reply',
    replay('prompt', 'save', 'notMine', 'lists'),
  );
});

describe('where we left it', () => {
  steps.leftIt = async () => {
    t.clock.set('2026-11-26T09:00:00Z');
    await as(
      'ana',
      d.submit(ana, 'session.plan', {
        caseCode: code,
        start: '2026-11-27 14:00',
        expectedMinutes: '60',
        venueType: 'community',
        paired: 'yes',
      }),
    );
    await at('2026-11-27T11:59:00Z');
    const leftIt = () =>
      owedMessages(t.deps).then((all) => all.filter((m) => m.message.title === `Where we left it: ${code}`));
    expect(await leftIt()).toHaveLength(0);
    await at('2026-11-27T12:00:00Z');
    const sent = await leftIt();
    // Ana's last debrief on the case (25 Nov) had no next steps; Ben's (25 Nov) neither: each is told so, nothing else.
    expect(sent.map((m) => m.recipientMemberId).sort()).toEqual([ids.ana, ids.ben].sort());
    expect(sent.every((m) => m.message.text.includes('noted no next steps'))).toBe(true);

    // A later debrief with next steps: the next session's reminder carries them, to the author alone.
    t.clock.set('2026-11-27T16:00:00Z');
    await as(
      'ana',
      d.submit(ana, 'debrief', { caseCode: code, sessionDate: 'today', ...fullAnswers, nextSteps: NEXT }),
    );
    await as(
      'ana',
      d.submit(ana, 'session.plan', {
        caseCode: code,
        start: '2026-11-28 10:00',
        expectedMinutes: '60',
        venueType: 'remote',
        paired: 'no',
      }),
    );
    await at('2026-11-28T08:00:00Z');
    const latest = (await leftIt()).filter((m) => m.createdAt >= new Date('2026-11-28T08:00:00Z'));
    expect(latest).toHaveLength(1);
    expect(latest[0]!.recipientMemberId).toBe(ids.ana);
    expect(latest[0]!.message.text).toContain(NEXT);
  };
  it(
    'sends the mentor their own last next steps two hours before the next planned session',
    replay('feeling', 'welfare', 'leftIt'),
  );
});

describe('no debrief free text outbound', () => {
  steps.outbound = async () => {
    const owed = await owedMessages(t.deps);
    expect(owed.length).toBeGreaterThan(10);
    const authorOf = (secret: string) => ([NOTES, NEXT].includes(secret) ? ids.ana : ids.ben);
    for (const m of owed) {
      const body = JSON.stringify(m.message);
      for (const secret of secrets) {
        const allowed =
          secret === NEXT &&
          m.recipientMemberId === authorOf(secret) &&
          m.message.title === `Where we left it: ${code}`;
        if (!allowed) expect(body, `owed ${m.message.title ?? m.message.text.slice(0, 40)}`).not.toContain(secret);
      }
    }
    for (const { to, outcome } of shown) {
      const body = JSON.stringify(outcome.messages);
      for (const secret of secrets) {
        if (to === 'ana' && [NOTES, NEXT].includes(secret)) continue;
        if (to === 'ben' && [BEN_NOTES, BEN_NEXT].includes(secret)) continue;
        expect(body).not.toContain(secret);
      }
      // Even the author's confirmations quote nothing: only /debriefs (not collected here) shows it.
      for (const secret of secrets) expect(body).not.toContain(secret);
    }
  };
  it(
    'appears in no owed message and no reply to anyone but its author’s own private view',
    replay('prompt', 'save', 'paired', 'remind', 'feeling', 'welfare', 'notMine', 'lists', 'leftIt', 'outbound'),
  );
});
