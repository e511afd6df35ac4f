// Safeguarding concerns: every source writes one with no button to press, it reaches a person, and
// it is worked to an outcome; the raiser hears when it is taken and how it closed, nothing more.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { owedMessages, runDueJobs, type Owed } from '../../helpers/owed.js';
import { command, press, raiseByForm, reset, submit, textOf } from '../escalation/fixture.js';
import {
  ACCOUNT,
  createConcernHarness,
  debrief,
  debriefValues,
  NOTES,
  REFERENCE,
  WHAT,
  workingHoursRota,
  type ConcernHarness,
} from './fixture.js';

let h: ConcernHarness;
beforeAll(async () => {
  h = await createConcernHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await reset(h);
  await h.t.deps.db.$executeRawUnsafe('TRUNCATE "Concern", "ConcernAction", "OnwardReferral" RESTART IDENTITY');
  h.t.clock.set('2026-11-23T10:00:00Z');
});

const db = () => h.t.deps.db;
const to = (owed: Owed[], memberId: string) =>
  owed.filter((o) => o.recipientMemberId === memberId && o.kind === 'send');
const takeButton = (o: Owed) => o.message.buttons?.find((b) => b.actionId === 'concern.take');

describe('a flagged debrief is a concern, with no button to press', () => {
  it('records one concern and tells the duty coordinator by direct message with the case, category, urgency and a Take button', async () => {
    await workingHoursRota(h);
    const debriefsBefore = await db().debrief.count({ where: { caseCode: h.code } });
    const saved = await debrief(h, h.alex, debriefValues(h.code), 'debrief-once');
    expect(textOf(saved)).toContain('The coordinators have been told: this is concern #1');
    const concerns = await db().concern.findMany();
    expect(concerns).toHaveLength(1);
    expect(concerns[0]).toMatchObject({
      caseCode: h.code,
      source: 'debrief',
      category: 'extremist_activity',
      urgency: 'today',
      ownerId: null,
    });
    const [alert] = to(await owedMessages(h.t.deps), h.sam.id);
    expect(alert!.message.title).toContain(`Concern #1: ${h.code}`);
    expect(alert!.message.fields).toEqual(
      expect.arrayContaining([
        { label: 'Category', value: 'Extremist activity or intent' },
        { label: 'Urgency', value: 'Today' },
      ]),
    );
    expect(takeButton(alert!)?.value).toBe(concerns[0]!.id);
    expect(JSON.stringify(alert)).not.toContain(NOTES);
    expect(to(await owedMessages(h.t.deps), h.bo.id)).toEqual([]);

    // The same submission delivered again adds nothing.
    await debrief(h, h.alex, debriefValues(h.code), 'debrief-once');
    expect(await db().concern.count()).toBe(1);
    expect(await db().debrief.count({ where: { caseCode: h.code } })).toBe(debriefsBefore + 1);
  });

  it('tells every coordinator when nobody is on the rota, and counts risk gone up as a flag', async () => {
    await debrief(
      h,
      h.alex,
      debriefValues(h.code, { flagConcern: 'no', riskChange: 'increased', concernCategory: '' }),
    );
    const [concern] = await db().concern.findMany();
    expect(concern).toMatchObject({ category: 'other', source: 'debrief' });
    const owed = await owedMessages(h.t.deps);
    for (const person of [h.sam, h.bo, h.cy])
      expect(
        to(owed, person.id)
          .map((o) => o.message.text)
          .join(),
      ).toContain('Nobody is on the duty rota');
  });

  it('leaves an unflagged debrief private: no concern, no message to anyone but the author', async () => {
    const saved = await debrief(h, h.alex, debriefValues(h.code, { flagConcern: 'no', concernCategory: '' }));
    expect(textOf(saved)).toContain('private to you');
    expect(await db().concern.count()).toBe(0);
    expect((await owedMessages(h.t.deps)).filter((o) => o.recipientMemberId !== h.alex.id)).toEqual([]);
  });

  it('links the escalation raised from a flagged debrief to its concern instead of making another', async () => {
    await workingHoursRota(h);
    const saved = await debrief(h, h.alex, debriefValues(h.code));
    const button = saved.messages.flatMap((m) => m.buttons ?? []).find((b) => b.actionId === 'debrief.escalate')!;
    const opened = await press(h, h.alex, button.actionId, button.value!);
    await submit(
      h,
      h.alex,
      'escalate',
      {
        category: 'planned_crime',
        caseCode: h.code,
        details: 'He named the street',
        clientTold: 'no',
        actionsTaken: ['nothing_yet'],
      },
      opened.form!.context!,
    );
    const concerns = await db().concern.findMany();
    const escalation = await db().escalation.findFirstOrThrow();
    expect(concerns).toHaveLength(1);
    expect(concerns[0]!.escalationId).toBe(escalation.id);
    // Acknowledging the escalation gives the concern to the same coordinator, and the untaken chain stops.
    await press(h, h.sam, 'escalation.ack', escalation.id);
    expect(await db().concern.findFirstOrThrow()).toMatchObject({ ownerId: h.sam.id });
    h.t.clock.set('2026-11-25T18:00:00Z');
    await runDueJobs(h.t.deps);
    expect(
      to(await owedMessages(h.t.deps), h.cy.id).filter((o) => o.message.title?.includes('please take it')),
    ).toEqual([]);
  });
});

describe('who reads a debrief’s notes (README, "debrief: notes": coordinators only when flagged, audited)', () => {
  it('lets coordinators read a flagged debrief’s notes through its concern, each reading audited, and nobody else’s', async () => {
    await debrief(
      h,
      h.alex,
      debriefValues(h.code, { flagConcern: 'no', concernCategory: '', notes: 'Unflagged words stay with Alex' }),
    );
    await debrief(h, h.alex, debriefValues(h.code));
    const concern = await db().concern.findFirstOrThrow();
    const shown = textOf(await command(h, h.sam, 'concern', 'show', { number: concern.number }));
    expect(shown).toContain(NOTES);
    expect(
      await db().event.count({
        where: { subjectKind: 'concern', subjectId: concern.id, kind: 'concern.viewed', actorId: h.sam.id },
      }),
    ).toBe(1);
    const seen = [
      shown,
      textOf(await command(h, h.sam, 'concern', 'list')),
      textOf(await command(h, h.sam, 'case', 'timeline', { case: h.code })),
    ].join('\n');
    expect(seen).not.toContain('Unflagged words');
    // The raiser reads their own account back, never what coordinators recorded.
    expect(textOf(await command(h, h.alex, 'concern', 'show', { number: concern.number }))).toContain(NOTES);
  });
});

describe('every other source', () => {
  it('files every escalation, and an overdue session’s, on the one list of concerns', async () => {
    await raiseByForm(h, { caseCode: h.code });
    const [concern] = await db().concern.findMany();
    expect(concern).toMatchObject({
      source: 'escalation',
      category: 'risk_to_client',
      urgency: 'now',
      caseCode: h.code,
    });
    // The escalation pages; the concern sends nothing of its own.
    expect((await owedMessages(h.t.deps)).filter((o) => o.message.title?.startsWith('Concern'))).toEqual([]);

    await submit(
      h,
      h.alex,
      'session.plan',
      {
        caseCode: h.code,
        start: '2026-11-23 10:30',
        expectedMinutes: '60',
        venueType: 'community',
        paired: 'no',
        safetyNotes: 'Cafe on the corner',
        safeguarding: 'no',
      },
      {},
    );
    await command(h, h.alex, 'session', 'start', { case: h.code });
    h.t.clock.set('2026-11-23T13:00:00Z');
    await runDueJobs(h.t.deps);
    h.t.clock.set('2026-11-23T14:00:00Z');
    await runDueJobs(h.t.deps);
    const overdue = await db().escalation.findFirstOrThrow({ where: { category: 'mentor_overdue' } });
    expect(await db().concern.findFirst({ where: { escalationId: overdue.id } })).toMatchObject({
      category: 'threat_to_mentor',
      source: 'escalation',
    });
  });

  it('makes a concern of a safety note or a supervision note the writer marks, and says so', async () => {
    const planned = await submit(
      h,
      h.alex,
      'session.plan',
      {
        caseCode: h.code,
        start: '2026-11-24 10:00',
        expectedMinutes: '60',
        venueType: 'client_home',
        paired: 'no',
        safetyNotes: ACCOUNT,
        safeguarding: 'yes',
      },
      {},
    );
    expect(textOf(planned)).toContain('The coordinators have been told of your safeguarding concern (concern #1)');
    const session = await db().mentoringSession.findFirstOrThrow({
      where: { plannedStart: new Date('2026-11-24T10:00:00Z') },
    });
    expect(await db().concern.findFirst()).toMatchObject({ source: 'session', sourceId: session.id, caseCode: h.code });

    const requestId = randomUUID();
    await db().supervisionRequest.create({
      data: {
        id: requestId,
        requesterId: h.alex.id,
        topic: 'risk',
        urgency: 'this_week',
        format: 'call',
        caseCode: h.code,
        summaryEnc: 'sealed elsewhere',
        status: 'accepted',
        acceptedById: h.bo.id,
        acceptedAt: h.t.clock.now(),
        createdAt: h.t.clock.now(),
      },
    });
    const noted = await submit(h, h.bo, 'supervision-note', { note: NOTES, safeguarding: 'yes' }, { requestId });
    expect(textOf(noted)).toContain('The coordinators have been told of the concern (concern #2)');
    expect(await db().concern.findUniqueOrThrow({ where: { number: 2 } })).toMatchObject({
      source: 'supervision',
      sourceId: requestId,
      caseCode: h.code,
      raisedById: h.bo.id,
    });
    // Unmarked, the note stays the supervisor's own.
    await submit(h, h.bo, 'supervision-note', { note: NOTES, safeguarding: 'no' }, { requestId });
    expect(await db().concern.count()).toBe(2);
  });
});

describe('/concern', () => {
  it('raises one directly; urgent "now" is an escalation too (P1 for risk to others), paged and linked', async () => {
    await workingHoursRota(h);
    const routine = await command(h, h.alex, 'concern');
    expect(routine.form?.form.id).toBe('concern.raise');
    const made = await submit(
      h,
      h.alex,
      'concern.raise',
      { caseCode: h.code.toLowerCase(), category: 'domestic_abuse', urgency: 'routine', account: ACCOUNT },
      {},
    );
    expect(textOf(made)).toContain(`Concern #1 about ${h.code} is recorded`);
    const urgent = await submit(
      h,
      h.alex,
      'concern.raise',
      { caseCode: h.code, category: 'risk_to_others', urgency: 'now', account: ACCOUNT },
      {},
    );
    expect(textOf(urgent)).toContain('escalation #1');
    const escalation = await db().escalation.findFirstOrThrow();
    expect(escalation).toMatchObject({ tier: 'P1', category: 'risk_to_life_others' });
    expect(await db().concern.findUniqueOrThrow({ where: { number: 2 } })).toMatchObject({
      escalationId: escalation.id,
      source: 'direct',
    });
    expect(await db().concern.count()).toBe(2);
    // The urgent one is paged as an escalation, not also as a concern.
    expect(to(await owedMessages(h.t.deps), h.sam.id).filter((o) => o.message.title?.startsWith('Concern #2'))).toEqual(
      [],
    );
  });

  it('keeps an unknown case code as typed, marked for the coordinators, who link it to the real case', async () => {
    await submit(
      h,
      h.alex,
      'concern.raise',
      { caseCode: 'OLD-17', category: 'other', urgency: 'routine', account: ACCOUNT },
      {},
    );
    const list = await command(h, h.sam, 'concern', 'list');
    expect(textOf(list)).toContain('#1, OLD-17 (unknown case)');
    const concern = await db().concern.findFirstOrThrow();
    const shown = await command(h, h.sam, 'concern', 'show', { number: 1 });
    const link = shown.messages[0]!.buttons!.find((b) => b.actionId === 'concern.link')!;
    const form = await press(h, h.sam, link.actionId, link.value!);
    expect(textOf(await submit(h, h.sam, 'concern.link', { caseCode: 'MS-9999' }, form.form!.context!))).toContain(
      'There is no case MS-9999',
    );
    expect(textOf(await submit(h, h.sam, 'concern.link', { caseCode: h.code }, form.form!.context!))).toContain(
      `Concern #1 is now about ${h.code}`,
    );
    const linked = await db().concern.findFirstOrThrow();
    expect(linked).toMatchObject({ caseCode: h.code, caseId: expect.any(String) });
    // Its account now belongs to the case: erasing the case would reach it.
    expect(linked.accountEnc).toMatch(new RegExp(`^v1\\.case~${h.code}\\.`));
    expect(textOf(await command(h, h.sam, 'concern', 'show', { number: 1 }))).toContain(ACCOUNT);
    expect(textOf(await command(h, h.sam, 'case', 'timeline', { case: h.code }))).toContain('Concern #1');
    expect(textOf(await submit(h, h.sam, 'concern.link', { caseCode: h.code }, { concernId: concern.id }))).toContain(
      'already about',
    );
  });

  it('is taken, worked and closed; the raiser hears who took it and the outcome, nothing else', async () => {
    await submit(
      h,
      h.alex,
      'concern.raise',
      { caseCode: h.code, category: 'child_or_family', urgency: 'today', account: ACCOUNT },
      {},
    );
    const concern = await db().concern.findFirstOrThrow();
    const taken = await press(h, h.sam, 'concern.take', concern.id);
    expect(textOf(taken)).toContain('concern #1 is yours');
    expect(textOf(await press(h, h.bo, 'concern.take', concern.id))).toContain('already taken by Sam');
    const action = await press(h, h.sam, 'concern.act', concern.id);
    expect(action.form?.form.id).toBe('concern.action');
    await submit(h, h.sam, 'concern.action', { what: WHAT, byWhom: 'me', doneOn: 'today' }, action.form!.context!);
    const refer = await press(h, h.sam, 'concern.refer', concern.id);
    await submit(
      h,
      h.sam,
      'concern.referral',
      { agency: 'childrens_social_care', reference: REFERENCE, referredOn: 'today', followUpOn: '2026-11-30' },
      refer.form!.context!,
    );

    const shown = textOf(await command(h, h.sam, 'concern', 'show', { number: 1 }));
    expect(shown).toContain(ACCOUNT);
    expect(shown).toContain(`${WHAT} (by me)`);
    expect(shown).toContain(`Children’s social care, reference ${REFERENCE}; follow up 2026-11-30`);
    expect(
      await db().event.count({ where: { subjectId: concern.id, kind: 'concern.viewed', actorId: h.sam.id } }),
    ).toBe(1);
    expect(textOf(await command(h, h.sam, 'concern', 'list'))).toMatch(
      /#1, MS-\d+: Risk to a child or family member · urgency today · owner Sam · 0 min old · next due/,
    );

    // The follow-up reminds the owner at 09:00 on its date.
    h.t.clock.set('2026-11-30T09:00:00Z');
    await runDueJobs(h.t.deps);
    expect(to(await owedMessages(h.t.deps), h.sam.id).map((o) => o.message.title)).toContain('Follow up: concern #1');

    const close = await press(h, h.sam, 'concern.close', concern.id);
    const closed = await submit(h, h.sam, 'concern.close', { outcome: 'referred_on' }, close.form!.context!);
    expect(textOf(closed)).toContain('Concern #1 is closed: Referred on');
    const toAlex = to(await owedMessages(h.t.deps), h.alex.id).map((o) => o.message.text);
    expect(toAlex.some((t) => t.includes('Sam (coordinator) has taken your concern #1'))).toBe(true);
    expect(toAlex.some((t) => t.includes('is closed: Referred on'))).toBe(true);
    expect(toAlex.join('\n')).not.toContain(WHAT);
    expect(toAlex.join('\n')).not.toContain(REFERENCE);

    // Bad input: a closed concern, an unknown number; the mentor's view of the concern holds no work.
    expect(
      textOf(
        await press(h, h.sam, 'concern.act', concern.id).then(() =>
          submit(
            h,
            h.sam,
            'concern.action',
            { what: 'more', byWhom: 'me', doneOn: 'today' },
            { concernId: concern.id },
          ),
        ),
      ),
    ).toContain('already closed');
    expect(textOf(await command(h, h.sam, 'concern', 'show', { number: 99 }))).toBe(
      'I could not find concern #99. /concern list shows the ones you may see.',
    );
    const mine = textOf(await command(h, h.alex, 'concern', 'show', { number: 1 }));
    expect(mine).toContain('Closed');
    expect(mine).toContain(ACCOUNT);
    expect(mine).not.toContain(WHAT);
    expect(mine).not.toContain(REFERENCE);
  });

  it('refuses a follow-up date in the past and text over the limits on the field, saving nothing', async () => {
    await submit(
      h,
      h.alex,
      'concern.raise',
      { caseCode: h.code, category: 'other', urgency: 'routine', account: ACCOUNT },
      {},
    );
    const concern = await db().concern.findFirstOrThrow();
    const past = await submit(
      h,
      h.sam,
      'concern.referral',
      { agency: 'police', referredOn: 'today', followUpOn: '2026-11-01' },
      { concernId: concern.id },
    );
    expect(past.errors).toEqual({ followUpOn: 'Follow up on (optional) cannot be in the past.' });
    const long = await submit(
      h,
      h.alex,
      'concern.raise',
      { caseCode: h.code, category: 'other', urgency: 'routine', account: 'x'.repeat(3001) },
      {},
    );
    expect(long.errors?.account).toContain('at most 3000 characters');
    expect(await db().onwardReferral.count()).toBe(0);
    expect(await db().concern.count()).toBe(1);
    expect(textOf(await press(h, h.sam, 'concern.take', '------------------------------------'))).toContain(
      'That button is no longer valid',
    );
  });

  it('never lets the raiser take or close their own concern', async () => {
    await submit(
      h,
      h.cy,
      'concern.raise',
      { caseCode: h.code, category: 'other', urgency: 'routine', account: ACCOUNT },
      {},
    );
    const concern = await db().concern.findFirstOrThrow();
    expect(textOf(await press(h, h.cy, 'concern.take', concern.id))).toContain('another coordinator needs to take it');
    expect(
      textOf(await submit(h, h.cy, 'concern.close', { outcome: 'no_further_action' }, { concernId: concern.id })),
    ).toContain('another coordinator needs to close it');
    expect(await db().concern.findFirstOrThrow()).toMatchObject({ status: 'open', ownerId: null });
  });

  it('shows a mentor only the concerns they raised; another’s gets the answer a missing one gets', async () => {
    await submit(
      h,
      h.cy,
      'concern.raise',
      { caseCode: h.code, category: 'other', urgency: 'routine', account: ACCOUNT },
      {},
    );
    expect(textOf(await command(h, h.alex, 'concern', 'show', { number: 1 }))).toBe(
      textOf(await command(h, h.alex, 'concern', 'show', { number: 2 })).replace('#2', '#1'),
    );
    expect(textOf(await command(h, h.alex, 'concern', 'list'))).toContain('You have not raised any concerns');
  });
});
