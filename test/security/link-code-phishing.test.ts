// Security review (issue 16): link-code phishing. Whoever typed a /link code used to join the account
// of whoever made it, silently, their debriefs moving to that member. Linking now takes consent on
// both sides, never moves anything a person wrote, and a coordinator merges two members instead.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformUser } from '../../src/core/actor.js';
import type { Button, Message } from '../../src/core/message.js';
import { ERASED } from '../../src/db/vault.js';
import { eraseMember } from '../../src/features/governance/erasure.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';
import { owedMessages } from '../helpers/owed.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

let seq = 0;
const run = (user: PlatformUser, command: string, subcommand?: string, options: Record<string, string> = {}) =>
  t.router.dispatch({ kind: 'command', id: `lp${++seq}`, user, command, subcommand, options });
const click = (user: PlatformUser, button: Button) =>
  t.router.dispatch({ kind: 'action', id: `lpc${++seq}`, user, actionId: button.actionId, value: button.value ?? '' });
const text = (outcome: { messages: { text: string }[] }) => outcome.messages.map((m) => m.text).join('\n');
const slack = (id: string, displayName: string): PlatformUser => ({
  platform: 'slack',
  platformUserId: id,
  displayName,
});
const discord = (id: string, displayName: string): PlatformUser => ({
  platform: 'discord',
  platformUserId: id,
  displayName,
});
const memberOf = (user: PlatformUser) =>
  t.deps.db.member.findFirstOrThrow({
    where: { identities: { some: { platform: user.platform, platformUserId: user.platformUserId } } },
  });
const debrief = (user: PlatformUser, notes: string) =>
  t.router.dispatch({
    kind: 'submit',
    id: `lpd${++seq}`,
    user,
    formId: 'debrief',
    values: {
      caseCode: 'MS-0042',
      sessionDate: '2026-11-20',
      sessionWent: 'well',
      feeling: '4',
      flagConcern: 'no',
      notes,
    },
    context: {},
  });
const codeFrom = async (user: PlatformUser) => /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text(await run(user, 'link')))![1]!;
/** The Confirm / Cancel buttons the bot owes `memberId` (the issuer's direct message). */
const askedOf = async (memberId: string): Promise<Message | undefined> =>
  (await owedMessages(t.deps)).find(
    (o) => o.recipientMemberId === memberId && o.message.buttons?.some((b) => b.actionId === 'link.issuer.confirm'),
  )?.message;
const button = (message: Message, label: 'Confirm' | 'Cancel') => message.buttons!.find((b) => b.label === label)!;

describe('a mentor tricked into typing another member’s link code', () => {
  it('is refused with a clear explanation, and nothing moves: their debriefs and later activity stay theirs', async () => {
    const bea = slack('U0PHISHER', 'Bea');
    const ari = discord('410000000000000001', 'Ari');
    await run(bea, 'help');
    await debrief(ari, 'He talked about his brother');
    await debrief(ari, 'Second session went better');
    const [beaBefore, ariBefore] = [await memberOf(bea), await memberOf(ari)];

    const code = await codeFrom(bea);
    const typed = await run(ari, 'link', undefined, { code });
    expect(text(typed)).toContain("cannot simply be joined to Bea's account");
    expect(text(typed)).toContain('Nothing has been moved');
    expect(text(typed)).toContain('a coordinator can merge them with /network merge');
    expect(typed.messages.flatMap((m) => m.buttons ?? [])).toEqual([]);

    expect((await memberOf(ari)).id).toBe(ariBefore.id);
    expect(await memberOf(ari)).toMatchObject({ status: 'active', mergedIntoId: null });
    expect(await t.deps.db.debrief.count({ where: { authorId: ariBefore.id } })).toBe(2);
    expect(await t.deps.db.debrief.count({ where: { authorId: beaBefore.id } })).toBe(0);
    expect(await t.deps.db.memberIdentity.count({ where: { memberId: beaBefore.id } })).toBe(1);
    expect(await askedOf(beaBefore.id)).toBeUndefined();
    expect(await t.deps.db.event.count({ where: { subjectId: ariBefore.id, kind: 'member.link_refused' } })).toBe(1);

    // Later activity is recorded as Ari's, and the code is used up: it cannot be tried again.
    await debrief(ari, 'Third');
    expect(await t.deps.db.debrief.count({ where: { authorId: ariBefore.id } })).toBe(3);
    expect(text(await run(ari, 'link', undefined, { code }))).toContain(
      'did not match, or it has expired or been used',
    );
  });
});

describe('linking with consent on both sides', () => {
  it('a fresh account with nothing written joins only after both it and the code’s maker confirm', async () => {
    const cal = slack('U0CAL', 'Cal');
    const calOnDiscord = discord('410000000000000002', 'cal_d');
    await run(cal, 'help');
    await t.router.home(calOnDiscord); // a Home visit: an automatic welfare enrolment, nothing written
    const [calMember, fresh] = [await memberOf(cal), await memberOf(calOnDiscord)];
    expect(await t.deps.db.checkinSchedule.count({ where: { memberId: fresh.id } })).toBe(1);

    const code = await codeFrom(cal);
    const preview = (await run(calOnDiscord, 'link', undefined, { code })).messages[0]!;
    const since = calMember.createdAt.toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/London',
    });
    expect(preview.text).toContain(`This will join your Discord account to Cal's account (member since ${since})`);
    expect(preview.buttons?.map((b) => b.label)).toEqual(['Confirm', 'Cancel']);
    expect((await memberOf(calOnDiscord)).id).toBe(fresh.id);

    // The maker's buttons are not the joiner's to press, and the other way round.
    expect(text(await click(cal, button(preview, 'Confirm')))).toContain('belongs to the account it was sent to');
    expect(text(await click(calOnDiscord, button(preview, 'Confirm')))).toContain(
      'Cal has been sent a message on Slack to confirm',
    );
    expect((await memberOf(calOnDiscord)).id).toBe(fresh.id);
    const asked = (await askedOf(calMember.id))!;
    expect(asked.text).toContain('entered on Discord by the account "cal_d"');
    expect(text(await click(calOnDiscord, button(asked, 'Confirm')))).toContain(
      'belongs to the account it was sent to',
    );
    expect(text(await click(slack('U0STRANGER1', 'Stranger'), button(asked, 'Confirm')))).toContain(
      'belongs to the account it was sent to',
    );
    expect((await memberOf(calOnDiscord)).id).toBe(fresh.id);

    expect(text(await click(cal, button(asked, 'Confirm')))).toContain('You are Cal on slack and discord');
    expect((await memberOf(calOnDiscord)).id).toBe(calMember.id);
    expect(await t.deps.db.member.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({
      status: 'left',
      mergedIntoId: calMember.id,
    });
    expect(await t.deps.db.checkinSchedule.count({ where: { memberId: fresh.id } })).toBe(0);
    const told = (await owedMessages(t.deps)).filter(
      (o) => o.recipientMemberId === calMember.id && o.message.text.includes('You are Cal on slack and discord'),
    );
    expect(told.map((o) => o.platform).sort()).toEqual(['discord', 'slack']);
    expect(await t.deps.db.event.count({ where: { subjectId: calMember.id, kind: 'member.linked' } })).toBe(1);
    expect(text(await click(cal, button(asked, 'Confirm')))).toContain('already linked');
  });

  it('links nothing when the account that typed the code cancels', async () => {
    const dee = slack('U0DEE', 'Dee');
    const deeOnDiscord = discord('410000000000000003', 'dee_d');
    await run(dee, 'help');
    await run(deeOnDiscord, 'help');
    const [deeMember, fresh] = [await memberOf(dee), await memberOf(deeOnDiscord)];
    const preview = (await run(deeOnDiscord, 'link', undefined, { code: await codeFrom(dee) })).messages[0]!;
    expect(text(await click(deeOnDiscord, button(preview, 'Cancel')))).toContain('nothing was linked');
    expect(text(await click(deeOnDiscord, button(preview, 'Confirm')))).toContain('cancelled');
    expect((await memberOf(deeOnDiscord)).id).toBe(fresh.id);
    expect(await t.deps.db.memberIdentity.count({ where: { memberId: deeMember.id } })).toBe(1);
    expect(await askedOf(deeMember.id)).toBeUndefined();
  });

  it('links nothing when the member who made the code cancels, and tells the other account', async () => {
    const eli = slack('U0ELI', 'Eli');
    const eliOnDiscord = discord('410000000000000004', 'eli_d');
    await run(eli, 'help');
    await run(eliOnDiscord, 'help');
    const [eliMember, fresh] = [await memberOf(eli), await memberOf(eliOnDiscord)];
    const preview = (await run(eliOnDiscord, 'link', undefined, { code: await codeFrom(eli) })).messages[0]!;
    await click(eliOnDiscord, button(preview, 'Confirm'));
    const asked = (await askedOf(eliMember.id))!;
    expect(text(await click(eli, button(asked, 'Cancel')))).toContain('nothing was linked');
    expect(text(await click(eli, button(asked, 'Confirm')))).toContain('cancelled');
    expect((await memberOf(eliOnDiscord)).id).toBe(fresh.id);
    expect(await t.deps.db.memberIdentity.count({ where: { memberId: eliMember.id } })).toBe(1);
    expect(
      (await owedMessages(t.deps)).some(
        (o) => o.recipientMemberId === fresh.id && o.message.text.includes('cancelled on the other side'),
      ),
    ).toBe(true);
  });

  it('links nothing when the confirmations take longer than 15 minutes', async () => {
    const fay = slack('U0FAY', 'Fay');
    const fayOnDiscord = discord('410000000000000005', 'fay_d');
    await run(fay, 'help');
    await run(fayOnDiscord, 'help');
    const fresh = await memberOf(fayOnDiscord);
    const preview = (await run(fayOnDiscord, 'link', undefined, { code: await codeFrom(fay) })).messages[0]!;
    await click(fayOnDiscord, button(preview, 'Confirm'));
    t.clock.advance(16 * 60 * 1000);
    expect(text(await click(fay, button((await askedOf((await memberOf(fay)).id))!, 'Confirm')))).toContain('expired');
    expect((await memberOf(fayOnDiscord)).id).toBe(fresh.id);
  });
});

describe('/network merge', () => {
  it('shows what moves, then moves all of it to the other member, marks the first left, and audits it', async () => {
    const cora = slack('U0MERGECOORD', 'Cora');
    const gus = slack('U0GUS', 'Gus');
    const gusOnDiscord = discord('410000000000000006', 'Gus on Discord');
    await run(cora, 'help');
    const coordinator = await memberOf(cora);
    await t.deps.db.member.update({ where: { id: coordinator.id }, data: { roles: ['coordinator'] } });
    await run(gus, 'help');
    await debrief(gusOnDiscord, 'Notes written on Discord');
    await t.router.home(gusOnDiscord);
    const [into, from] = [await memberOf(gus), await memberOf(gusOnDiscord)];
    await t.deps.db.member.update({ where: { id: from.id }, data: { roles: ['mentor', 'peer_supervisor'] } });

    // Records of every kind held by the Discord member, written straight into the tables.
    const now = t.clock.now();
    const db = t.deps.db;
    const caseId = randomUUID();
    await db.case.create({ data: { id: caseId, code: 'MS-0777' } });
    await db.caseAssignment.create({
      data: { id: randomUUID(), caseId, memberId: from.id, role: 'mentor', assignedAt: now },
    });
    await db.checkin.create({
      data: {
        id: randomUUID(),
        memberId: from.id,
        reason: 'scheduled',
        status: 'answered',
        dueAt: now,
        answeredAt: now,
        answer: 'okay',
      },
    });
    await db.welfareFollowUp.create({
      data: { id: randomUUID(), memberId: from.id, rule: 'struggling', createdAt: now },
    });
    const requestId = randomUUID();
    const summaryEnc = await db.$transaction((tx) =>
      t.deps.vault.seal(
        tx,
        'What I want to talk through',
        { table: 'SupervisionRequest', column: 'summaryEnc', rowId: requestId },
        { kind: 'member', id: from.id },
      ),
    );
    await db.supervisionRequest.create({
      data: {
        id: requestId,
        requesterId: from.id,
        topic: 'personal_impact',
        urgency: 'this_week',
        format: 'call',
        summaryEnc,
        createdAt: now,
      },
    });
    const otherRequest = randomUUID();
    await db.supervisionRequest.create({
      data: {
        id: otherRequest,
        requesterId: coordinator.id,
        topic: 'case',
        urgency: 'this_week',
        format: 'call',
        summaryEnc: 'x',
        createdAt: now,
      },
    });
    await db.supervisionOffer.create({
      data: { id: randomUUID(), requestId: otherRequest, supervisorId: from.id, rank: 1, offeredAt: now },
    });
    await db.concern.create({
      data: {
        id: randomUUID(),
        source: 'direct',
        category: 'other',
        urgency: 'today',
        raisedById: from.id,
        ownerId: from.id,
        lastActivityAt: now,
        createdAt: now,
      },
    });
    await db.escalation.create({
      data: {
        id: randomUUID(),
        tier: 'P2',
        category: 'other',
        reporterId: from.id,
        policy: {},
        raisedAt: now,
        deadlineAt: now,
        clientTold: 'not_yet',
        detailsEnc: 'x',
      },
    });
    await db.contribution.create({
      data: {
        id: randomUUID(),
        authorId: from.id,
        themes: ['engagement'],
        credit: 'anonymous',
        textEnc: 'x',
        redactedEnc: 'x',
        createdAt: now,
      },
    });
    await db.rotaPattern.create({
      data: {
        id: randomUUID(),
        weekday: 1,
        startMinute: 540,
        endMinute: 1020,
        position: 'backup',
        coordinatorId: from.id,
      },
    });
    await db.dutyShift.create({
      data: {
        id: randomUUID(),
        position: 'primary',
        coordinatorId: from.id,
        startsAt: now,
        endsAt: new Date(now.getTime() + 3_600_000),
      },
    });

    // A mentor may neither ask nor press the button.
    expect(text(await run(gus, 'network', 'merge', { from: 'Gus on Discord', into: 'Gus' }))).toContain('only');
    const preview = (await run(cora, 'network', 'merge', { from: 'Gus on Discord', into: 'Gus' })).messages[0]!;
    expect(preview.title).toBe('Merge Gus on Discord into Gus?');
    const counts = Object.fromEntries((preview.fields ?? []).map((f) => [f.label, f.value]));
    expect(counts).toMatchObject({
      debriefs: '1',
      'check-ins': '1',
      'check-in schedule': '1',
      'welfare follow-ups': '1',
      'supervision requests': '1',
      'supervision offers': '1',
      'concerns raised': '1',
      'concerns owned': '1',
      'escalations reported': '1',
      'digest contributions': '1',
      'case assignments': '1',
      'rota rows': '2',
      'linked accounts': '1',
    });
    const merge = preview.buttons![0]!;
    expect(text(await click(gus, merge))).toContain('only');
    expect(await db.debrief.count({ where: { authorId: from.id } })).toBe(1);

    expect(text(await click(cora, merge))).toContain(
      "Gus on Discord's records and accounts are now Gus's (slack and discord)",
    );
    const left = { from: from.id };
    expect(
      await Promise.all([
        db.debrief.count({ where: { authorId: left.from } }),
        db.checkin.count({ where: { memberId: left.from } }),
        db.checkinSchedule.count({ where: { memberId: left.from } }),
        db.welfareFollowUp.count({ where: { memberId: left.from } }),
        db.supervisionRequest.count({ where: { requesterId: left.from } }),
        db.supervisionOffer.count({ where: { supervisorId: left.from } }),
        db.concern.count({ where: { OR: [{ raisedById: left.from }, { ownerId: left.from }] } }),
        db.escalation.count({ where: { reporterId: left.from } }),
        db.contribution.count({ where: { authorId: left.from } }),
        db.caseAssignment.count({ where: { memberId: left.from } }),
        db.rotaPattern.count({ where: { coordinatorId: left.from } }),
        db.dutyShift.count({ where: { coordinatorId: left.from } }),
        db.memberIdentity.count({ where: { memberId: left.from } }),
      ]),
    ).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(
      await Promise.all([
        db.debrief.count({ where: { authorId: into.id } }),
        db.checkin.count({ where: { memberId: into.id, answeredAt: { not: null } } }),
        db.checkinSchedule.count({ where: { memberId: into.id } }),
        db.welfareFollowUp.count({ where: { memberId: into.id } }),
        db.supervisionRequest.count({ where: { requesterId: into.id } }),
        db.supervisionOffer.count({ where: { supervisorId: into.id } }),
        db.concern.count({ where: { raisedById: into.id, ownerId: into.id } }),
        db.escalation.count({ where: { reporterId: into.id } }),
        db.contribution.count({ where: { authorId: into.id } }),
        db.caseAssignment.count({ where: { memberId: into.id } }),
        db.rotaPattern.count({ where: { coordinatorId: into.id } }),
        db.dutyShift.count({ where: { coordinatorId: into.id } }),
        db.memberIdentity.count({ where: { memberId: into.id } }),
      ]),
    ).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    expect(await db.member.findUniqueOrThrow({ where: { id: from.id } })).toMatchObject({
      status: 'left',
      mergedIntoId: into.id,
    });
    expect(await db.member.findUniqueOrThrow({ where: { id: into.id } })).toMatchObject({
      status: 'active',
      roles: ['mentor'],
    });
    expect((await memberOf(gusOnDiscord)).id).toBe(into.id);

    const audit = await db.event.findMany({
      where: { kind: { in: ['member.merged', 'member.merge_received'] }, subjectId: { in: [from.id, into.id] } },
    });
    expect(audit.map((e) => [e.kind, e.subjectId, e.actorId, e.surface])).toEqual(
      expect.arrayContaining([
        ['member.merged', from.id, coordinator.id, 'slack'],
        ['member.merge_received', into.id, coordinator.id, 'slack'],
      ]),
    );
    expect(audit[0]!.data).toMatchObject({ from: from.id, into: into.id, debriefs: 1 });
    expect(
      (await owedMessages(t.deps))
        .filter((o) => o.recipientMemberId === into.id && o.message.text.includes('A coordinator merged your accounts'))
        .map((o) => o.platform)
        .sort(),
    ).toEqual(['discord', 'slack']);

    // The same confirmation again merges nothing more; erasing the member now erases what moved too.
    expect(text(await click(cora, merge))).toContain('has left the network');
    await eraseMember(t.deps, into.id, coordinator.id);
    const moved = await db.supervisionRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(
      await t.deps.vault.open(db, moved.summaryEnc, {
        table: 'SupervisionRequest',
        column: 'summaryEnc',
        rowId: requestId,
      }),
    ).toBe(ERASED);
  });

  it('refuses to merge a member into itself or into someone who has left', async () => {
    const cora = slack('U0MERGECOORD', 'Cora');
    await run(cora, 'help');
    await t.deps.db.member.update({ where: { id: (await memberOf(cora)).id }, data: { roles: ['coordinator'] } });
    expect(text(await run(cora, 'network', 'merge', { from: 'Cora', into: 'Cora' }))).toContain('the same member');
    expect(text(await run(cora, 'network', 'merge', { from: 'Nobody', into: 'Cora' }))).toContain(
      'could not find an active member',
    );
  });
});
