// Post-incident support after TRiM: after a P1 is resolved its resolver names who else was involved;
// each is offered support at 72 hours and 4 weeks, nothing follows a decline, and a practitioner's
// structured follow-up is read only by the two of them (coordinators see that it happened) and is
// unreadable once its subject is erased.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseMember } from '../../../src/features/governance/erasure.js';
import { scanResolved } from '../../../src/features/mentors/trim.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';
import { driver, slack, text } from '../cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const jo = slack('U0JO', 'jo');
const bo = slack('U0BO', 'bo');
const cy = slack('U0CY', 'cy');
const alex = slack('U0ALEX', 'alex');
const dee = slack('U0DEE', 'dee');
const pat = slack('U0PAT', 'pat');
const ids: Record<string, string> = {};
const RAISED = '2026-11-23T09:00:00Z';

// Each test gets its own database: support is driven by the clock, so tests cannot share one.
beforeEach(async () => {
  t = await createTestContext();
  d = driver(t);
  for (const [user, roles] of [
    [jo, ['coordinator']],
    [bo, ['coordinator']],
    [cy, ['coordinator']],
    [alex, ['mentor']],
    [dee, ['mentor']],
    [pat, ['mentor']],
  ] as const)
    ids[user.displayName] = await d.join(user, [...roles]);
  await t.deps.db.mentorRecord.create({
    data: { memberId: ids.pat!, trimPractitioner: true, createdAt: t.clock.now(), updatedAt: t.clock.now() },
  });
});
afterEach(() => t.close());

async function resolvedP1(): Promise<string> {
  const code = await d.openCase(jo);
  await d.run(jo, 'case', 'assign', { case: code, member: 'alex' });
  await d.run(jo, 'case', 'assign', { case: code, member: 'dee', role: 'co_mentor' });
  const id = randomUUID();
  await t.deps.db.escalation.create({
    data: {
      id,
      tier: 'P1',
      category: 'violence_threat',
      caseCode: code,
      reporterId: ids.alex!,
      status: 'resolved',
      policy: {},
      raisedAt: new Date(RAISED),
      deadlineAt: new Date(RAISED),
      clientTold: 'not_yet',
      detailsEnc: 'sealed',
      acknowledgedById: ids.bo,
      resolvedAt: new Date('2026-11-23T10:00:00Z'),
      outcome: 'resolved_safe',
    },
  });
  for (const [kind, actor] of [
    ['escalation.acknowledged', 'bo'],
    ['escalation.resolved', 'jo'],
  ] as const) {
    await t.deps.db.event.create({
      data: {
        subjectKind: 'escalation',
        subjectId: id,
        kind,
        at: new Date('2026-11-23T10:00:00Z'),
        actorId: ids[actor],
      },
    });
  }
  return id;
}

// A resolved P1 whose resolver named dee (and others); dee accepted the 72-hour offer of support.
async function deeAcceptedSupport() {
  await resolvedP1();
  t.clock.set('2026-11-23T10:05:00Z');
  await t.deps.db.$transaction((tx) => scanResolved({ tx, deps: t.deps, now: t.clock.now() }));
  const prompt = (await owedMessages(t.deps)).find(
    (m) => m.recipientMemberId === ids.jo && m.message.buttons?.[0]?.actionId === 'mentors.trim.plan',
  )!;
  const opened = await d.click(jo, prompt.message.buttons![0]!.actionId, prompt.message.buttons![0]!.value);
  await d.submit(
    jo,
    'mentor.trim-plan',
    { coMentors: 'dee', coordinators: 'bo, cy', others: 'pat' },
    opened.form!.context!,
  );
  t.clock.set('2026-11-26T09:00:00Z');
  await runDueJobs(t.deps);
  const [accept] = (await owedMessages(t.deps))
    .filter((m) => m.recipientMemberId === ids.dee && m.message.buttons?.length)
    .at(-1)!.message.buttons!;
  await d.click(dee, accept!.actionId, accept!.value);
}

const offersTo = async (since: number) =>
  (await owedMessages(t.deps))
    .slice(since)
    .filter((m) => m.message.buttons?.some((b) => b.actionId === 'mentors.trim.accept'))
    .map((m) => Object.entries(ids).find(([, id]) => id === m.recipientMemberId)![0])
    .sort();

describe('post-incident support', () => {
  it('asks the resolver who was involved, offers each person support at 72 hours and 4 weeks, and nothing after a decline', async () => {
    await resolvedP1();
    t.clock.set('2026-11-23T10:05:00Z');
    expect(await t.deps.db.$transaction((tx) => scanResolved({ tx, deps: t.deps, now: t.clock.now() }))).toBe(1);
    expect(await t.deps.db.$transaction((tx) => scanResolved({ tx, deps: t.deps, now: t.clock.now() }))).toBe(0);
    const prompt = (await owedMessages(t.deps)).find(
      (m) => m.recipientMemberId === ids.jo && m.message.buttons?.[0]?.actionId === 'mentors.trim.plan',
    )!;
    const opened = await d.click(jo, prompt.message.buttons![0]!.actionId, prompt.message.buttons![0]!.value);
    expect(opened.form?.initial).toEqual({ coMentors: 'dee', coordinators: 'bo, jo', others: '' });
    expect(text(await d.click(bo, prompt.message.buttons![0]!.actionId, prompt.message.buttons![0]!.value))).toContain(
      'The coordinator who resolved escalation',
    );
    const named = await d.submit(
      jo,
      'mentor.trim-plan',
      { coMentors: 'dee', coordinators: 'bo, cy', others: 'pat' },
      opened.form!.context!,
    );
    expect(text(named)).toContain('Support will be offered to bo, cy, dee, pat at 72 hours and at 4 weeks');

    let mark = (await owedMessages(t.deps)).length;
    t.clock.set('2026-11-26T09:00:00Z');
    await runDueJobs(t.deps);
    expect(await offersTo(mark)).toEqual(['bo', 'cy', 'dee', 'pat']);
    const offer = (who: string) =>
      owedMessages(t.deps).then(
        (all) =>
          all.filter((m) => m.recipientMemberId === ids[who] && m.message.buttons?.length).at(-1)!.message.buttons!,
      );

    const [, declineCy] = await offer('cy');
    expect(text(await d.click(cy, declineCy!.actionId, declineCy!.value))).toContain('You will not be asked again');
    const [acceptDee] = await offer('dee');
    expect(text(await d.click(dee, acceptDee!.actionId, acceptDee!.value))).toContain(
      'pat, a trained TRiM practitioner, will be in touch',
    );

    mark = (await owedMessages(t.deps)).length;
    t.clock.set('2026-12-21T09:00:00Z');
    await runDueJobs(t.deps);
    expect(await offersTo(mark)).toEqual(['bo', 'dee', 'pat']);
  });

  it('seals the practitioner’s follow-up for the two of them; coordinators see only that it happened; erasure makes it unreadable', async () => {
    await deeAcceptedSupport();
    const ask = (await owedMessages(t.deps)).find(
      (m) => m.recipientMemberId === ids.pat && m.message.title === 'TRiM support requested',
    )!.message.buttons![0]!;
    expect(
      text(
        await d.submit(
          jo,
          'mentor.trim-followup',
          { riskFactors: ['reliving'], referredOn: 'no' },
          { supportId: ask.value!.split(':')[0]!, stage: '72h' },
        ),
      ),
    ).toContain('Only the TRiM practitioner');
    const form = await d.click(pat, ask.actionId, ask.value);
    expect(
      text(
        await d.submit(
          pat,
          'mentor.trim-followup',
          { riskFactors: ['reliving', 'sleep_trouble'], referredOn: 'yes' },
          form.form!.context!,
        ),
      ),
    ).toContain('only the two of you can read it');

    const content = 'Risk factors: Reliving it (flashbacks, nightmares); Trouble sleeping. Referred on: yes.';
    expect((await d.run(dee, 'mentor', 'support')).messages[0]!.fields![0]!.value).toBe(content);
    expect((await d.run(pat, 'mentor', 'support')).messages[0]!.fields![0]).toMatchObject({
      label: expect.stringContaining('with dee'),
      value: content,
    });
    expect((await d.run(jo, 'mentor', 'support')).messages[0]!.fields).toEqual([]);
    const record = Object.fromEntries(
      (await d.run(jo, 'mentor', 'show', { member: 'dee' })).messages[0]!.fields!.map((f) => [f.label, f.value]),
    );
    expect(record['Post-incident follow-ups']).toBe('1 recorded (content seen only by the two people involved)');
    expect(JSON.stringify(await owedMessages(t.deps))).not.toContain('flashbacks');

    await eraseMember(t.deps, ids.dee!);
    expect((await d.run(pat, 'mentor', 'support')).messages[0]!.fields![0]!.value).toBe('(erased)');
  });
});
