// /debrief on Discord end to end: the real discord.js client against the fake gateway and REST API,
// the real router and database. The full form (seventeen fields) takes four modal steps.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_TTL_MS, purgeExpiredDrafts } from '../../../src/core/drafts.js';
import {
  buttonsOf,
  inputsOf,
  messageOf,
  modalOf,
  startDiscordBot,
  type DiscordBot,
} from '../../helpers/discord-bot.js';
import { discordUser, modalSubmission, type TestUser } from '../../helpers/discord-payloads.js';

let bot: DiscordBot;

beforeAll(async () => {
  bot = await startDiscordBot();
});

afterAll(() => bot?.close());

const firstStep = { caseCode: 'MS-0042', sessionDate: '2026-11-20', sessionWent: 'difficult' };
const middleSteps: Record<string, string>[] = [{ engagement: 'passive' }, { feeling: '2', flagConcern: 'no' }];
const secondStep = { notes: 'Talked about the football club and his cousin.' };

const debriefs = (caseCode: string) => bot.app.deps.db.debrief.count({ where: { caseCode } });

/** Submits one step and returns its "Continue" button's id. */
async function continueFrom(
  user: ReturnType<typeof discordUser>,
  modal: any,
  answers: Record<string, string>,
): Promise<string> {
  return buttonsOf(messageOf(await bot.submit(user, modal, answers)))[0]!.custom_id;
}

/** Runs /debrief and every step but the last; returns the "Continue" button's id for the last step. */
async function throughFirstStep(
  user: ReturnType<typeof discordUser>,
  answers: Record<string, string> = firstStep,
): Promise<string> {
  const first = modalOf(await bot.run(user, 'debrief'));
  const kept = messageOf(await bot.submit(user, first, answers));
  expect(kept.content).toContain('step 1 of 4 kept');
  let next = buttonsOf(kept)[0]!.custom_id;
  for (const step of middleSteps) next = await continueFrom(user, modalOf(await bot.click(user, next)), step);
  return next;
}

describe('/debrief on Discord', () => {
  it('answers the command with a modal (callback type 9) within Discord limits', async () => {
    const mentor = discordUser('ash');
    const shown = await bot.run(mentor, 'debrief');
    const callback = bot.fake.callbacks.get([...bot.fake.callbacks.keys()].at(-1)!)![0]!;
    expect(callback.type).toBe(9);
    const modal = modalOf(shown);
    expect(modal.title).toBe('Session debrief (1 of 4)');
    expect(modal.components.length).toBeLessThanOrEqual(5);
    expect(Object.keys(inputsOf(modal))).toEqual(['caseCode', 'sessionDate', 'sessionWent', 'lengthMinutes', 'paired']);
    expect(inputsOf(modal).sessionDate).toMatchObject({ type: 4, placeholder: 'YYYY-MM-DD, or today', max_length: 10 });
    expect(inputsOf(modal).sessionWent).toMatchObject({ type: 3, min_values: 1, max_values: 1 });
  });

  it('records one debrief after both steps, in order, and leaves no draft', async () => {
    const mentor = discordUser('blake');
    const next = await throughFirstStep(mentor);
    const second = modalOf(await bot.click(mentor, next));
    expect(second.title).toBe('Session debrief (4 of 4)');
    expect(Object.keys(inputsOf(second))).toEqual(['nextSteps', 'notes', 'travelMinutes', 'travelCost']);
    const payload = modalSubmission(mentor, bot.where, second, secondStep);
    const saved = messageOf(await bot.fake.interact(payload));
    expect(saved.content).toContain('Your debrief for MS-0042 on 2026-11-20 is saved');
    expect(saved.content).not.toContain('football');
    const followUps = await bot.fake.waitFor(
      () => bot.fake.followUps(payload.token).length > 0 && bot.fake.followUps(payload.token),
      'the welfare follow-up',
    );
    expect(followUps[0].content).toContain('you do not have to carry it alone');
    expect(followUps[0].flags).toBe(64);
    const rows = await bot.app.deps.db.debrief.findMany({ where: { caseCode: 'MS-0042' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ feeling: 2, sessionWent: 'difficult', flagConcern: false, engagement: 'passive' });
    const draftId = second.custom_id.split(':')[1];
    expect(await bot.app.deps.db.formDraft.count({ where: { id: draftId } })).toBe(0);
  });

  it('records nothing more when the same submission is delivered twice, one after the other or at once', async () => {
    const mentor = discordUser('cass');
    const next = await throughFirstStep(mentor, { ...firstStep, caseCode: 'MS-0101' });
    const last = modalSubmission(mentor, bot.where, modalOf(await bot.click(mentor, next)), secondStep);
    await bot.fake.interact(last);
    bot.fake.dispatch('INTERACTION_CREATE', last);
    const answers = await bot.fake.waitFor(
      () => (bot.fake.callbacks.get(last.id)?.length ?? 0) >= 2 && bot.fake.callbacks.get(last.id),
      'the second answer',
    );
    expect(answers[1]!.data.content).toContain('already sent, or it expired');
    expect(await debriefs('MS-0101')).toBe(1);

    const other = discordUser('dale');
    const again = await throughFirstStep(other, { ...firstStep, caseCode: 'MS-0102' });
    const twice = modalSubmission(other, bot.where, modalOf(await bot.click(other, again)), secondStep);
    bot.fake.dispatch('INTERACTION_CREATE', twice);
    await bot.fake.interact(twice);
    await bot.fake.waitFor(() => (bot.fake.callbacks.get(twice.id)?.length ?? 0) >= 2, 'both answers');
    expect(await debriefs('MS-0102')).toBe(1);
  });

  it('shows a wrong answer with a button to redo the step, keeping what was typed', async () => {
    const mentor = discordUser('eli');
    const first = modalOf(await bot.run(mentor, 'debrief'));
    const refused = messageOf(
      await bot.submit(mentor, first, { ...firstStep, caseCode: 'Jordan Fisher', sessionDate: '20/11/2026' }),
    );
    expect(refused.content).toContain('Case code should look like MS-0042');
    expect(refused.content).toContain('Session date should be a date like');
    expect(refused.flags).toBe(64);
    const [fix] = buttonsOf(refused);
    expect(fix!.label).toBe('Fix answers (1 of 4)');
    const again = modalOf(await bot.click(mentor, fix!.custom_id));
    expect(again.custom_id.split(':')[1]).toBe(first.custom_id.split(':')[1]);
    expect(inputsOf(again).caseCode.value).toBe('Jordan Fisher');
    expect(inputsOf(again).sessionWent.options.find((o: any) => o.default)?.value).toBe('difficult');
    const kept = messageOf(await bot.submit(mentor, again, { ...firstStep, caseCode: 'MS-0200' }));
    expect(kept.content).toContain('step 1 of 4 kept');
  });

  it('ignores a replayed step and points to the step the form is at', async () => {
    const mentor = discordUser('fern');
    const first = modalOf(await bot.run(mentor, 'debrief'));
    const step = modalSubmission(mentor, bot.where, first, { ...firstStep, caseCode: 'MS-0300' });
    await bot.fake.interact(step);
    const replay = modalSubmission(mentor, bot.where, first, { ...firstStep, caseCode: 'MS-0301' });
    const answer = messageOf(await bot.fake.interact(replay));
    expect(answer.content).toContain('that step is already kept');
    expect(buttonsOf(answer)[0]!.label).toBe('Continue (2 of 4)');
    let next = buttonsOf(answer)[0]!.custom_id;
    for (const middle of middleSteps) next = await continueFrom(mentor, modalOf(await bot.click(mentor, next)), middle);
    messageOf(await bot.submit(mentor, modalOf(await bot.click(mentor, next)), secondStep));
    expect(await debriefs('MS-0300')).toBe(1);
    expect(await debriefs('MS-0301')).toBe(0);
  });

  it('opens the form without writing anything; its first answers start the draft', async () => {
    const mentor = discordUser('hale');
    const drafts = () => bot.app.deps.db.formDraft.findMany({ where: { formId: 'debrief' }, select: { id: true } });
    const before = (await drafts()).length;
    const first = modalOf(await bot.run(mentor, 'debrief'));
    expect(await drafts()).toHaveLength(before);
    // Its "Open" button (shown when the modal cannot be the answer) opens the same first step.
    const id = first.custom_id.split(':')[1];
    expect(modalOf(await bot.click(mentor, `o:${id}:debrief`)).custom_id).toBe(first.custom_id);
    expect(messageOf(await bot.submit(mentor, first, { ...firstStep, caseCode: 'MS-0350' })).content).toContain(
      'step 1 of 4 kept',
    );
    expect((await drafts()).map((d) => d.id)).toContain(id);
  });

  it('lets an abandoned form expire without a record', async () => {
    const mentor = discordUser('gale');
    const next = await throughFirstStep(mentor, { ...firstStep, caseCode: 'MS-0400' });
    const second = modalOf(await bot.click(mentor, next));
    bot.app.clock.advance(DRAFT_TTL_MS + 60_000);
    expect(messageOf(await bot.click(mentor, next)).content).toContain('it expired after 30 minutes');
    expect(messageOf(await bot.submit(mentor, second, secondStep)).content).toContain('it expired after 30 minutes');
    expect(await debriefs('MS-0400')).toBe(0);
    await purgeExpiredDrafts(bot.app.deps);
    expect(await bot.app.deps.db.formDraft.count()).toBe(0);
  });
});

describe('a flagged debrief on Discord is a concern the coordinators are told of', () => {
  const NOTES = 'He said his uncle keeps a crossbow in the shed on Alder Lane';
  const flaggedStep = { feeling: '4', flagConcern: 'yes', concernCategory: 'risk_to_others' };
  const db = () => bot.app.deps.db;
  const niamh = discordUser('niamh');
  const river = discordUser('river');
  const wren = discordUser('wren');
  const ids = new Map<TestUser, string>();

  async function join(user: TestUser, roles: ('mentor' | 'coordinator')[]): Promise<void> {
    const id = randomUUID();
    await db().member.create({
      data: {
        id,
        displayName: user.globalName!,
        roles,
        identities: { create: { id: randomUUID(), platform: 'discord', platformUserId: user.id } },
      },
    });
    ids.set(user, id);
  }

  async function assign(code: string, user: TestUser): Promise<void> {
    const caseId = randomUUID();
    await db().case.create({ data: { id: caseId, code } });
    await db().caseAssignment.create({
      data: {
        id: randomUUID(),
        caseId,
        memberId: ids.get(user)!,
        role: 'mentor',
        assignedAt: new Date('2026-11-01T10:00:00Z'),
      },
    });
  }

  /** Walks a flagged debrief through its four steps; returns the last step's submission (to deliver again) and what the mentor saw. */
  async function flaggedDebrief(caseCode: string) {
    const first = modalOf(await bot.run(niamh, 'debrief'));
    let next = buttonsOf(
      messageOf(await bot.submit(niamh, first, { ...firstStep, caseCode, sessionWent: 'difficult' })),
    )[0]!.custom_id;
    for (const step of [{ engagement: 'passive' }, flaggedStep])
      next = await continueFrom(niamh, modalOf(await bot.click(niamh, next)), step);
    const last = modalSubmission(niamh, bot.where, modalOf(await bot.click(niamh, next)), { notes: NOTES });
    const saved = messageOf(await bot.fake.interact(last));
    expect(saved.content).toContain(`Your debrief for ${caseCode} on 2026-11-20 is saved`);
    // The confirmation's second message comes as a follow-up to the same interaction.
    const told = await bot.fake.waitFor(
      () => bot.fake.followUps(last.token).find((m) => m.content.includes('The coordinators have been told')),
      'the concern confirmation',
    );
    return { last, told: told.content as string };
  }

  /** The messages the fake Discord holds in a member's direct message that name `code`, once `count` have been delivered. */
  const directMessages = (user: TestUser, code: string, count = 1) =>
    bot.fake.waitFor(() => {
      const posted = bot.fake.messages.filter(
        (m) => m.channel_id === bot.fake.dmChannelId(user.id) && m.content.includes(code),
      );
      return posted.length >= count && posted;
    }, `${count} direct message(s) to ${user.username} about ${code}`);
  const opened = (user: TestUser) =>
    bot.fake.requests.filter(
      (r) => r.method === 'POST' && r.path === '/api/v10/users/@me/channels' && r.body?.recipient_id === user.id,
    );
  const takeButton = (message: { components: any[] }) =>
    buttonsOf(message).find((b) => b.custom_id.startsWith('a:concern.take:'));
  const fieldsOf = (message: { embeds: any[] }) =>
    message.embeds.flatMap((e) => e.fields ?? []).map((f: any) => `${f.name}: ${f.value}`);

  beforeAll(async () => {
    await join(niamh, ['mentor']);
    await join(river, ['coordinator']);
    await join(wren, ['coordinator']);
    await assign('MS-7301', niamh);
    await assign('MS-7302', niamh);
  });

  it('records one concern and sends the duty coordinator a direct message naming the case with a Take button; a redelivered last step adds nothing', async () => {
    for (let weekday = 1; weekday <= 7; weekday++) {
      await db().rotaPattern.create({
        data: {
          id: randomUUID(),
          weekday,
          startMinute: 0,
          endMinute: 1440,
          position: 'primary',
          coordinatorId: ids.get(river)!,
        },
      });
    }
    // Wren may have been told of another concern already (when nobody was on duty): count from here.
    const wrenOwedBefore = await db().outboxMessage.count({ where: { recipientMemberId: ids.get(wren)! } });
    const wrenOpenedBefore = opened(wren).length;
    const riverOpenedBefore = opened(river).length;
    const { last, told } = await flaggedDebrief('MS-7301');
    const concerns = await db().concern.findMany({ where: { caseCode: 'MS-7301' } });
    expect(concerns).toHaveLength(1);
    expect(concerns[0]).toMatchObject({
      source: 'debrief',
      category: 'risk_to_others',
      urgency: 'today',
      ownerId: null,
    });
    const { id, number } = concerns[0]!;
    expect(told).toContain(`The coordinators have been told: this is concern #${number}`);

    const [dm] = await directMessages(river, 'MS-7301');
    expect(opened(river).slice(riverOpenedBefore)).toHaveLength(1);
    expect(dm!.content).toContain(`Concern #${number}: MS-7301: please take it`);
    expect(dm!.content).toContain('You are the duty coordinator');
    expect(fieldsOf(dm!)).toEqual(
      expect.arrayContaining(['Case: MS-7301', 'Category: Risk to others', 'Urgency: Today']),
    );
    expect(takeButton(dm!)?.custom_id).toBe(`a:concern.take:${id}`);
    expect(JSON.stringify(dm)).not.toContain('crossbow');
    // Only the coordinator on duty is told.
    expect(await db().outboxMessage.count({ where: { recipientMemberId: ids.get(wren)! } })).toBe(wrenOwedBefore);
    expect(opened(wren).slice(wrenOpenedBefore)).toEqual([]);

    bot.fake.dispatch('INTERACTION_CREATE', last);
    const answers = await bot.fake.waitFor(
      () => (bot.fake.callbacks.get(last.id)?.length ?? 0) >= 2 && bot.fake.callbacks.get(last.id),
      'the answer to the redelivery',
    );
    expect(answers[1]!.data.content).toContain('already sent, or it expired');
    expect(await db().concern.count({ where: { caseCode: 'MS-7301' } })).toBe(1);
    expect(await db().debrief.count({ where: { caseCode: 'MS-7301' } })).toBe(1);
    expect(
      await db().outboxMessage.count({
        where: { recipientMemberId: ids.get(river)!, logicalKey: { startsWith: `concern:${id}:raised` } },
      }),
    ).toBe(1);
  });

  it('tells every coordinator when nobody is on the duty rota', async () => {
    await db().rotaPattern.deleteMany();
    await flaggedDebrief('MS-7302');
    const concerns = await db().concern.findMany({ where: { caseCode: 'MS-7302' } });
    expect(concerns).toHaveLength(1);
    for (const coordinator of [river, wren]) {
      const [dm] = await directMessages(coordinator, 'MS-7302');
      expect(dm!.content).toContain(`Concern #${concerns[0]!.number}: MS-7302: please take it`);
      expect(dm!.content).toContain('Nobody is on the duty rota, so every coordinator is told');
      expect(takeButton(dm!)?.custom_id).toBe(`a:concern.take:${concerns[0]!.id}`);
      expect(JSON.stringify(dm)).not.toContain('crossbow');
    }
    // The mentor who raised it is not asked to take it.
    expect(
      bot.fake.messages.filter(
        (m) => m.channel_id === bot.fake.dmChannelId(niamh.id) && m.content.includes('please take it'),
      ),
    ).toEqual([]);
  });
});
