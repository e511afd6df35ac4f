import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformUser } from '../../../src/core/actor.js';
import type { Message } from '../../../src/core/message.js';
import type { Role } from '../../../src/core/roles.js';
import { requestSupervision } from '../../../src/features/supervision/request.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs, type Owed } from '../../helpers/owed.js';
import { story } from '../../helpers/story.js';

let t: TestContext;
let seq = 0;
const MIN = 60_000;
const slack = (id: string, displayName: string): PlatformUser => ({
  platform: 'slack',
  platformUserId: id,
  displayName,
});
const text = (outcome: { messages: Message[] }) =>
  outcome.messages
    .map((m) => [m.title, m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join('\n'))
    .join('\n');
const command = (user: PlatformUser, name: string, subcommand?: string) =>
  t.router.dispatch({ kind: 'command', id: `c${++seq}`, user, command: name, subcommand, options: {} });
const press = (user: PlatformUser, actionId: string, value: string) =>
  t.router.dispatch({ kind: 'action', id: `a${++seq}`, user, actionId, value });
const submit = (
  user: PlatformUser,
  formId: string,
  values: Record<string, string>,
  context: Record<string, string> = {},
) => t.router.dispatch({ kind: 'submit', id: `s${++seq}`, user, formId, values, context });

async function member(
  id: string,
  name: string,
  roles: Role[],
  extra: { specialisms?: string[]; status?: 'active' | 'away'; awayUntil?: Date; timeZone?: string } = {},
) {
  const user = slack(id, name);
  await command(user, 'help');
  const row = await t.deps.db.member.findFirstOrThrow({ where: { identities: { some: { platformUserId: id } } } });
  await t.deps.db.member.update({ where: { id: row.id }, data: { roles, ...extra } });
  return { user, id: row.id, name };
}
type Person = Awaited<ReturnType<typeof member>>;

async function assignToCase(code: string, memberId: string, role: 'mentor' | 'co_mentor') {
  const existing = await t.deps.db.case.findUnique({ where: { code } });
  const caseId = existing?.id ?? randomUUID();
  if (!existing) await t.deps.db.case.create({ data: { id: caseId, code } });
  await t.deps.db.caseAssignment.create({
    data: { id: randomUUID(), caseId, memberId, role, assignedAt: t.clock.now() },
  });
}

/** Owed messages are ordered by time, and ties (one clock instant) have no order: tests mark what was owed already. */
const mark = async () => new Set((await owedMessages(t.deps)).map((o) => o.id));
/** As seen on Slack (a member linked on Discord too gets each message there as well). */
const since = async (known: Set<string>) =>
  (await owedMessages(t.deps)).filter((o) => !known.has(o.id) && o.platform === 'slack');
const dmsTo = (owed: Owed[], p: Person) => owed.filter((o) => o.recipientMemberId === p.id && o.kind === 'send');
const timelineOf = async (requestId: string) =>
  (
    await t.deps.db.event.findMany({
      where: { subjectKind: 'supervision', subjectId: requestId },
      orderBy: { id: 'asc' },
    })
  ).map((e) => ({ kind: e.kind, ...(e.data as object) }));
const button = (m: Message | undefined, label: string) => m?.buttons?.find((b) => b.label === label);

const SECRET = 'Worried MS-0042 talks about a named venue; my own boundaries wobbling';
const ask = (user: PlatformUser, extra: Record<string, string> = {}) =>
  submit(
    user,
    'supervision-request',
    { topic: 'ideology_faith', urgency: 'today', format: 'call', caseCode: 'MS-0042', summary: SECRET, ...extra },
    { via: 'command' },
  );

let rae: Person, sam: Person, pat: Person, cory: Person, ava: Person, cleo: Person, moe: Person;

// Every test runs on a database of its own (the tests move the clock); a test that builds on an
// earlier step replays that step first, so the order tests run in does not matter.
const { steps, replay } = story();

beforeEach(async () => {
  t = await createTestContext({ channelPlatforms: ['slack'] });
  t.clock.set('2026-11-23T09:00:00Z'); // a Monday, 09:00 in London
  rae = await member('U0RAE', 'Rae', ['mentor']);
  sam = await member('U0SAM', 'Sam', ['mentor', 'peer_supervisor'], { specialisms: ['extreme_right_wing'] });
  pat = await member('U0PAT', 'Pat', ['mentor', 'peer_supervisor']);
  cory = await member('U0CORY', 'Cory', ['mentor', 'peer_supervisor'], {
    specialisms: ['extreme_right_wing', 'islamist_extremism'],
  });
  ava = await member('U0AVA', 'Ava', ['mentor', 'peer_supervisor'], {
    specialisms: ['islamist_extremism'],
    status: 'away',
    awayUntil: new Date('2026-12-10T00:00:00Z'),
  });
  cleo = await member('U0CLEO', 'Cleo', ['coordinator']);
  moe = await member('U0MOE', 'Moe', ['mentor']);
  await assignToCase('MS-0042', rae.id, 'mentor');
  await assignToCase('MS-0042', cory.id, 'co_mentor');
});
afterEach(() => t.close());

describe('a "today" request', () => {
  let requestId: string;

  steps.today = async () => {
    let before = await mark();
    const made = await ask(rae.user);
    expect(text(made)).toContain('A peer supervisor has been asked privately');
    expect(text(made)).toContain('999');
    const request = await t.deps.db.supervisionRequest.findFirstOrThrow({ where: { requesterId: rae.id } });
    requestId = request.id;

    // Sam fits the topic; Cory fits better but co-mentors the same case; Ava is away.
    let owed = await since(before);
    expect(owed.map((o) => o.recipientMemberId)).toEqual([sam.id]);
    expect(owed[0]!.message.buttons?.map((b) => b.label)).toEqual(['Accept', 'Decline']);
    expect(owed[0]!.message.text).toContain('30 min');
    before = await mark();

    // 29 minutes: nothing moves. 30 minutes: Pat is asked.
    t.clock.advance(29 * MIN);
    await runDueJobs(t.deps);
    expect(await since(before)).toEqual([]);
    t.clock.advance(1 * MIN);
    await runDueJobs(t.deps);
    owed = await since(before);
    expect(owed.filter((o) => o.kind === 'update').map((o) => o.recipientMemberId)).toEqual([sam.id]);
    expect(dmsTo(owed, pat)).toHaveLength(1);
    before = await mark();

    // Nobody else is eligible: after Pat's window, the coordinators' channel is told, content-minimal.
    t.clock.advance(30 * MIN);
    await runDueJobs(t.deps);
    owed = await since(before);
    const post = owed.find((o) => o.channel === 'coordinators')!;
    expect(post.message.title).toBe(`Supervision request #${request.number} needs a peer supervisor`);
    expect(post.message.buttons?.map((b) => b.label)).toEqual(['Assign Sam', 'Assign Pat']);
    expect(JSON.stringify(post.message)).not.toContain('Rae');
    expect(JSON.stringify(post.message)).not.toContain('MS-0042');
    expect(dmsTo(owed, rae)[0]!.message.text).toContain('a coordinator is now finding someone');
    expect(owed.some((o) => o.recipientMemberId === cory.id || o.recipientMemberId === ava.id)).toBe(false);

    expect(
      (await timelineOf(requestId)).map((e) => [e.kind, 'supervisorId' in e ? e.supervisorId : undefined]),
    ).toEqual([
      ['supervision.requested', undefined],
      ['supervision.offered', sam.id],
      ['supervision.offer_expired', sam.id],
      ['supervision.offered', pat.id],
      ['supervision.offer_expired', pat.id],
      ['supervision.unmatched', undefined],
    ]);
    expect((await t.deps.db.supervisionRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe('waiting');
  };
  it(
    'reaches the best-matching supervisor, moves on after the window with no answer, and reaches a coordinator when nobody accepts; every step is on its timeline',
    replay('today'),
  );

  steps.stands = async () => {
    expect(text(await command(rae.user, 'supervision', 'list'))).toContain('a coordinator is finding someone');
    const view = text(await command(cleo.user, 'supervision', 'list'));
    expect(view).toContain('ranked first: Sam: specialism fits the topic (extreme_right_wing)');
    expect(view).toContain('Waiting longest');
    expect(view).not.toContain(SECRET);
  };
  it('shows the requester where it stands, and coordinators why someone was ranked first', replay('today', 'stands'));

  steps.assign = async () => {
    expect(text(await press(cleo.user, 'supervision.assign', `${requestId}:${cory.id}`))).toContain('same case');
    expect(text(await press(sam.user, 'supervision.assign', `${requestId}:${sam.id}`))).toContain(
      'for coordinators only',
    );
    expect(text(await press(cleo.user, 'supervision.assign', `${requestId}:${sam.id}`))).toContain('assigned to Sam');
    const req = await t.deps.db.supervisionRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(req).toMatchObject({ status: 'accepted', acceptedById: sam.id });
    expect((await timelineOf(requestId)).at(-1)).toMatchObject({ kind: 'supervision.assigned', supervisorId: sam.id });
  };
  it('lets a coordinator assign by hand, never to someone on the same case', replay('today', 'assign'));

  steps.summary = async () => {
    const others = [pat, cory, ava, cleo, moe];
    const replies: string[] = [];
    for (const p of others) {
      const outcome = await press(p.user, 'supervision.summary', requestId);
      replies.push(JSON.stringify(outcome));
      replies.push(JSON.stringify(await command(p.user, 'supervision', 'list')));
    }
    for (const r of replies) expect(r).not.toContain(SECRET);
    expect(text(await press(pat.user, 'supervision.summary', requestId))).toContain(
      'Only the peer supervisor who accepted',
    );
    expect(
      await t.deps.db.event.count({ where: { subjectId: requestId, kind: 'supervision.summary_refused' } }),
    ).toBeGreaterThan(0);

    expect(text(await press(sam.user, 'supervision.summary', requestId))).toContain(SECRET);
    // The same rule on every surface: the router resolves the member, not the platform account.
    const samOnDiscord: PlatformUser = {
      platform: 'discord',
      platformUserId: '500000000000000001',
      displayName: 'sam_d',
    };
    await t.deps.db.memberIdentity.create({
      data: { id: randomUUID(), memberId: sam.id, platform: 'discord', platformUserId: samOnDiscord.platformUserId },
    });
    expect(text(await press(samOnDiscord, 'supervision.summary', requestId))).toContain(SECRET);
    const patOnDiscord: PlatformUser = {
      platform: 'discord',
      platformUserId: '500000000000000002',
      displayName: 'pat_d',
    };
    await t.deps.db.memberIdentity.create({
      data: { id: randomUUID(), memberId: pat.id, platform: 'discord', platformUserId: patOnDiscord.platformUserId },
    });
    expect(text(await press(patOnDiscord, 'supervision.summary', requestId))).not.toContain(SECRET);
    expect(text(await press(rae.user, 'supervision.summary', requestId))).toContain(SECRET);
    expect(
      await t.deps.db.event.count({
        where: { subjectId: requestId, kind: 'supervision.summary_viewed', actorId: sam.id },
      }),
    ).toBe(2);

    for (const o of await owedMessages(t.deps)) expect(JSON.stringify(o.message)).not.toContain(SECRET);
    const stored = await t.deps.db.supervisionRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(stored.summaryEnc).not.toContain('boundaries');
    const events = await t.deps.db.event.findMany({ where: { subjectId: requestId } });
    expect(JSON.stringify(events.map((e) => [e.kind, e.data]))).not.toContain('boundaries');
  };
  it(
    'only the accepting supervisor (and the requester) can read the summary; it is in no owed message and no reply to anyone else',
    replay('today', 'assign', 'summary'),
  );
});

describe('declining, accepting and afterwards', () => {
  steps.decline = async () => {
    // A routine request from Moe (no case): Cory and Sam fit the topic; Sam carries one open request, so Cory comes first.
    let before = await mark();
    const made = await submit(moe.user, 'supervision-request', {
      topic: 'ideology_faith',
      urgency: 'routine',
      format: 'in_person',
      summary: 'Feeling out of my depth',
    });
    expect(text(made)).toContain('asked privately');
    const req = await t.deps.db.supervisionRequest.findFirstOrThrow({ where: { requesterId: moe.id } });
    let owed = await since(before);
    expect(owed.map((o) => o.recipientMemberId)).toEqual([cory.id]);
    expect(owed[0]!.message.text).toContain('3 days');
    const offerToCory = owed[0]!.message.buttons![0]!.value!;
    before = await mark();

    expect(text(await press(sam.user, 'supervision.decline', offerToCory))).toContain('made to someone else');
    expect(text(await press(cory.user, 'supervision.decline', offerToCory))).toContain(
      'passed to another peer supervisor',
    );
    owed = await since(before);
    const toSam = dmsTo(owed, sam)[0]!;
    expect(toSam.message.title).toContain(`#${req.number}`);
    expect(text(await press(cory.user, 'supervision.accept', offerToCory))).toContain('already moved on');

    const accepted = await press(sam.user, 'supervision.accept', button(toSam.message, 'Accept')!.value!);
    expect(text(accepted)).toContain('from Moe');
    expect(text(accepted)).toContain('Feeling out of my depth');
    owed = await since(before);
    expect(dmsTo(owed, moe).at(-1)!.message.title).toContain('Sam will support you');
    expect(text(await command(moe.user, 'supervision', 'list'))).toContain('accepted by Sam');

    // A week later (routine), both are asked whether it happened.
    const seen = await mark();
    t.clock.set('2026-11-30T10:00:00Z');
    await runDueJobs(t.deps);
    owed = await since(seen);
    const askSam = dmsTo(owed, sam).find((o) => o.message.title === `Supervision request #${req.number}`)!;
    const askMoe = dmsTo(owed, moe)[0]!;
    expect(askSam.message.buttons?.map((b) => b.label)).toEqual(['It happened', 'Not yet', 'It will not happen']);
    expect(askMoe.message.buttons?.map((b) => b.label)).toEqual(['Yes, it helped', 'Yes, not much help', 'Not yet']);

    const happened = await press(sam.user, 'supervision.happened', button(askSam.message, 'It happened')!.value!);
    expect(happened.form?.form.id).toBe('supervision-note');
    expect(
      text(
        await submit(
          sam.user,
          'supervision-note',
          { note: 'Talked through boundaries', followUp: '2026-11-20' },
          happened.form!.context,
        ),
      ),
    ).toContain('should be in the future');
    expect(
      text(
        await submit(
          sam.user,
          'supervision-note',
          { note: 'Talked through boundaries', followUp: '2026-12-07' },
          happened.form!.context,
        ),
      ),
    ).toContain('reminder on Mon 7 Dec 2026, 09:00');
    expect(
      text(await press(moe.user, 'supervision.helped', button(askMoe.message, 'Yes, it helped')!.value!)),
    ).toContain('glad it helped');

    const done = await t.deps.db.supervisionRequest.findUniqueOrThrow({ where: { id: req.id } });
    expect(done).toMatchObject({ status: 'closed', happened: true, helped: true });
    expect(done.supervisorNoteEnc).not.toContain('boundaries');

    const beforeReminder = await mark();
    t.clock.set('2026-12-07T09:00:00Z');
    await runDueJobs(t.deps);
    const reminder = dmsTo(await since(beforeReminder), sam);
    expect(reminder.map((o) => o.message.title)).toEqual(['A follow-up you planned']);
    expect(JSON.stringify(reminder[0]!.message)).not.toContain('boundaries');

    expect((await timelineOf(req.id)).map((e) => e.kind)).toEqual([
      'supervision.requested',
      'supervision.offered',
      'supervision.declined',
      'supervision.offered',
      'supervision.accepted',
      'supervision.summary_viewed',
      'supervision.after_asked',
      'supervision.after_asked',
      'supervision.after_answered',
      'supervision.note_recorded',
      'supervision.after_answered',
      'supervision.closed',
      'supervision.follow_up_reminded',
    ]);
  };
  it(
    'a decline passes it on at once; the acceptor sees who and the summary; both are asked afterwards; follow-ups become reminders',
    replay('today', 'assign', 'decline'),
  );

  steps.preferred = async () => {
    t.clock.set('2026-12-08T10:00:00Z');
    let before = await mark();
    await submit(moe.user, 'supervision-request', {
      topic: 'personal_impact',
      urgency: 'this_week',
      format: 'call',
      summary: 'Tired',
      preferred: 'pat',
    });
    let owed = await since(before);
    expect(owed.map((o) => o.recipientMemberId)).toEqual([pat.id]);
    before = await mark();
    expect(
      text(
        await submit(moe.user, 'supervision-request', {
          topic: 'other',
          urgency: 'this_week',
          format: 'call',
          summary: 'x',
          preferred: 'Nobody',
        }),
      ),
    ).toContain('could not find one peer supervisor');

    const preview = await t.router.dispatch({
      kind: 'command',
      id: `c${++seq}`,
      user: cleo.user,
      command: 'network',
      subcommand: 'deactivate',
      options: { member: 'Pat' },
    });
    expect(preview.messages[0]?.fields).toContainEqual({
      label: 'peer supervision',
      value: expect.stringContaining('(passed on)'),
    });
    await press(cleo.user, preview.messages[0]!.buttons![0]!.actionId, preview.messages[0]!.buttons![0]!.value!);
    await runDueJobs(t.deps);
    owed = await since(before);
    const offer = owed.find(
      (o) => o.kind === 'send' && o.recipientMemberId === cory.id && button(o.message, 'Accept'),
    )!;
    expect(
      owed.filter((o) => o.kind === 'send' && button(o.message, 'Accept')).map((o) => o.recipientMemberId),
    ).toEqual([cory.id]);

    // Cory accepts, then leaves: Moe is told and the request is matched again (Sam is the one left).
    await press(cory.user, 'supervision.accept', button(offer.message, 'Accept')!.value!);
    before = await mark();
    const leaving = await t.router.dispatch({
      kind: 'command',
      id: `c${++seq}`,
      user: cleo.user,
      command: 'network',
      subcommand: 'deactivate',
      options: { member: 'Cory' },
    });
    expect(leaving.messages[0]?.fields).toContainEqual({
      label: 'peer supervision',
      value: expect.stringContaining('they accepted (matched again)'),
    });
    await press(cleo.user, leaving.messages[0]!.buttons![0]!.actionId, leaving.messages[0]!.buttons![0]!.value!);
    await runDueJobs(t.deps);
    owed = await since(before);
    expect(
      dmsTo(owed, moe)
        .map((o) => o.message.text)
        .join(),
    ).toContain('no longer with the network, so we are finding you someone else');
    expect(
      owed.filter((o) => o.kind === 'send' && button(o.message, 'Accept')).map((o) => o.recipientMemberId),
    ).toEqual([sam.id]);
    expect(
      (await t.router.home(sam.user)).find((m) => m.title === 'Supervision offers awaiting your answer')?.fields?.[0]
        ?.value,
    ).toBe('Personal impact / offload, this week, a call');
    expect(
      (await t.router.home(moe.user)).find((m) => m.title === 'Your supervision requests')?.fields?.[0]?.value,
    ).toBe('a peer supervisor is being asked (3 asked so far)');
  };
  it(
    'a preferred supervisor is asked first; a supervisor who leaves passes their offer on',
    replay('today', 'assign', 'decline', 'preferred'),
  );

  steps.load = async () => {
    const home = await t.router.home(cleo.user);
    const section = home.find((m) => m.title?.startsWith('Peer supervision: load'))!;
    expect(section.text).toMatch(/Waiting longest: #\d+ \(this week, /);
    expect(section.fields?.find((f) => f.label === 'Sam')?.value).toBe(
      '1 open; 3 offered, 1 accepted, 0 declined, 1 no answer; median answer 0 min',
    );
    expect((await t.router.home(moe.user)).some((m) => m.title?.startsWith('Peer supervision: load'))).toBe(false);
  };
  it(
    'gives coordinators each supervisor’s load and response times, and the requests waiting longest, on their home view',
    replay('today', 'assign', 'decline', 'preferred', 'load'),
  );
});

describe('group supervision', () => {
  steps.group = async () => {
    t.clock.set('2026-12-14T09:00:00Z');
    const opened = await command(cleo.user, 'supervision', 'group');
    expect(opened.form?.form.id).toBe('supervision-group');
    expect(text(await command(rae.user, 'supervision', 'group'))).toContain('for coordinators only');
    const before = await mark();
    expect(
      text(
        await submit(cleo.user, 'supervision-group', {
          startsAt: '2026-12-16 18:00',
          topic: 'boundaries',
          capacity: '2',
        }),
      ),
    ).toContain('posted to the learning channel');
    const post = (await since(before)).find((o) => o.channel === 'learning')!;
    expect(post.message.text).toContain('2 of 2 places left');
    const groupId = button(post.message, 'Sign up')!.value!;

    const mentors = await Promise.all(
      ['U0G1', 'U0G2', 'U0G3', 'U0G4', 'U0G5'].map((id, i) => member(id, `Gee${i}`, ['mentor'])),
    );
    const outcomes = await Promise.all(mentors.map((m) => press(m.user, 'supervision.group.sign-up', groupId)));
    expect(outcomes.filter((o) => text(o).includes('You have a place'))).toHaveLength(2);
    expect(outcomes.filter((o) => text(o).includes('this session is full'))).toHaveLength(3);
    expect(await t.deps.db.groupSignup.count({ where: { groupId } })).toBe(2);
    const placed = mentors.filter((_, i) => text(outcomes[i]!).includes('You have a place'));
    expect(text(await press(placed[0]!.user, 'supervision.group.sign-up', groupId))).toContain('already have a place');
    const updates = (await since(before)).filter((o) => o.kind === 'update' && o.channel === 'learning');
    expect(updates.some((o) => o.message.text.includes('This session is full') && !button(o.message, 'Sign up'))).toBe(
      true,
    );

    const seen = await mark();
    t.clock.set('2026-12-15T18:00:00Z');
    await runDueJobs(t.deps);
    t.clock.set('2026-12-16T17:00:00Z');
    await runDueJobs(t.deps);
    const reminders = (await since(seen)).filter(
      (o) => o.kind === 'send' && o.message.title?.startsWith('Group supervision'),
    );
    expect(reminders.map((o) => [o.recipientMemberId, o.message.title]).sort()).toEqual(
      placed
        .flatMap((p) => [
          [p.id, 'Group supervision in an hour'],
          [p.id, 'Group supervision tomorrow'],
        ])
        .sort(),
    );

    t.clock.set('2026-12-16T19:30:00Z');
    await runDueJobs(t.deps);
    const attendance = dmsTo(await since(seen), cleo).at(-1)!;
    expect(attendance.message.buttons?.map((b) => b.label).sort()).toEqual(
      [...placed.map((p) => p.name), 'Nobody else came'].sort(),
    );
    await press(cleo.user, 'supervision.group.attended', button(attendance.message, placed[0]!.name)!.value!);
    expect(text(await press(cleo.user, 'supervision.group.no-others', groupId))).toContain('1 did not attend');
    const signups = await t.deps.db.groupSignup.findMany({ where: { groupId } });
    expect(signups.map((s) => [s.memberId, s.attended]).sort()).toEqual(
      [
        [placed[0]!.id, true],
        [placed[1]!.id, false],
      ].sort(),
    );
  };
  it(
    'is posted with a sign-up button; capacity holds under concurrent sign-ups; reminders the day before and an hour before; attendance recorded',
    replay('group'),
  );
});

describe('the agreed entry point for other features', () => {
  steps.entry = async () => {
    t.clock.set('2026-12-17T10:00:00Z');
    const made = await t.deps.db.$transaction((tx) =>
      requestSupervision(
        { tx, deps: t.deps, now: t.clock.now() },
        {
          requesterId: rae.id,
          topic: 'safety_planning',
          urgency: 'this_week',
          format: 'call',
          summary: 'From a debrief',
          via: 'debrief',
        },
      ),
    );
    expect(made.number).toBeGreaterThan(0);
    expect((await timelineOf(made.id))[0]).toMatchObject({ kind: 'supervision.requested', via: 'debrief' });
    // A caller's unknown topic label does not fail the caller's transaction: it becomes "other".
    const other = await t.deps.db.$transaction((tx) =>
      requestSupervision(
        { tx, deps: t.deps, now: t.clock.now() },
        { requesterId: rae.id, topic: 'astrology', urgency: 'today', format: 'call', summary: '', via: 'checkin' },
      ),
    );
    expect(await t.deps.db.supervisionRequest.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({
      topic: 'other',
      urgency: 'today',
    });
    await expect(
      t.deps.db.$transaction((tx) =>
        requestSupervision(
          { tx, deps: t.deps, now: t.clock.now() },
          {
            requesterId: rae.id,
            topic: 'other',
            urgency: 'today',
            format: 'call',
            caseCode: 'Jane Doe',
            summary: 'x',
            via: 'checkin',
          },
        ),
      ),
    ).rejects.toThrow(/case code/);
  };
  it('requestSupervision opens a request from a debrief in the caller’s transaction', replay('entry'));
});
