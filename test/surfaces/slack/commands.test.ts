// Slack end to end: signed slash commands and modal submissions through the real Bolt receiver on
// the bot's HTTP server, asserting database rows and the Web API calls the fake recorded.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../../helpers/fake-slack.js';
import { startSlackBot, type SlackBot } from '../../helpers/slack-bot.js';
import { newTriggerId, payloadBody, slashCommandBody, viewSubmissionPayload } from '../../helpers/slack-requests.js';

let fake: FakeSlack;
let database: TestDatabase;
let bot: SlackBot;

beforeAll(async () => {
  fake = await startFakeSlack();
  database = await createTestDatabase();
  bot = await startSlackBot(fake, {}, { database });
});
afterAll(async () => {
  await bot?.app.close();
  await fake?.close();
  await database?.drop();
});

const debriefAnswers = {
  caseCode: 'MS-0042',
  sessionDate: '2026-11-20',
  sessionWent: 'well',
  feeling: '4',
  flagConcern: 'no',
  notes: 'Talked about the football club he wants to join.',
};

async function count(sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Runs a slash command and returns the modal it opened. */
async function openModal(userId: string, command = '/debrief', text = '') {
  const before = fake.callsTo('views.open').length;
  const triggerId = newTriggerId();
  const reply = await bot.post(slashCommandBody({ command, text, userId, triggerId, responseUrl: fake.responseUrl() }));
  expect(reply.status).toBe(200);
  const [call] = (await fake.waitFor('views.open', before + 1)).slice(before);
  expect(call!.body.trigger_id).toBe(triggerId);
  return call!.body.view as {
    callback_id: string;
    private_metadata: string;
    blocks: { type: string; block_id?: string; element?: { type: string } }[];
  };
}

describe('Slack slash commands and modals', () => {
  it('acknowledges /debrief with an empty 200 before any database work, then opens one modal with its trigger_id', async () => {
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      // Hold the members' identities table: the router cannot identify anyone until it is released.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "MemberIdentity" IN ACCESS EXCLUSIVE MODE');
      const opensBefore = fake.callsTo('views.open').length;
      const triggerId = newTriggerId();
      const reply = await bot.post(
        slashCommandBody({ command: '/debrief', userId: 'U0SAM', triggerId, responseUrl: fake.responseUrl() }),
      );
      expect(reply.status).toBe(200);
      expect(reply.text).toBe('');
      expect(fake.callsTo('views.open').slice(opensBefore)).toHaveLength(0);
      await locker.query('COMMIT');
      const [open] = (await fake.waitFor('views.open', opensBefore + 1)).slice(opensBefore);
      expect(open!.body.trigger_id).toBe(triggerId);
      expect(open!.headers.authorization).toBe('Bearer xoxb-test');
      const view = open!.body.view as {
        type: string;
        callback_id: string;
        blocks: { type: string; block_id?: string; element?: { type: string } }[];
      };
      expect(view.type).toBe('modal');
      expect(view.callback_id).toBe('debrief');
      const elements = Object.fromEntries(
        view.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, b.element!.type]),
      );
      expect(elements).toEqual({
        caseCode: 'plain_text_input',
        sessionDate: 'datepicker',
        sessionWent: 'static_select',
        lengthMinutes: 'number_input',
        paired: 'radio_buttons',
        engagement: 'static_select',
        clientState: 'multi_static_select',
        topics: 'multi_static_select',
        practicalSupport: 'multi_static_select',
        riskChange: 'static_select',
        feeling: 'number_input',
        flagConcern: 'radio_buttons',
        concernCategory: 'static_select',
        wantsSupervision: 'radio_buttons',
        wantsWelfare: 'radio_buttons',
        nextSteps: 'plain_text_input',
        notes: 'plain_text_input',
        travelMinutes: 'number_input',
        travelCost: 'plain_text_input',
      });
    } finally {
      await locker.end();
    }
  });

  it('saves one debrief from the submitted modal and shows the outcome in it, quoting no free text', async () => {
    const view = await openModal('U0SAM');
    const reply = await bot.post(
      payloadBody(viewSubmissionPayload({ userId: 'U0SAM', viewId: 'V0DEBRIEF1', view, answers: debriefAnswers })),
    );
    expect(reply.status).toBe(200);
    const answer = reply.json() as { response_action: string; view: { blocks: unknown[] } };
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toContain('Debrief saved');
    expect(JSON.stringify(answer.view)).not.toContain('football');
    expect(await count(`SELECT count(*) AS n FROM "Debrief" WHERE "caseCode" = 'MS-0042'`)).toBe(1);
  });

  it('creates nothing more when Slack delivers the same submission again (X-Slack-Retry-Num)', async () => {
    const view = await openModal('U0SAM');
    const body = payloadBody(
      viewSubmissionPayload({
        userId: 'U0SAM',
        viewId: 'V0DEBRIEF2',
        view,
        answers: { ...debriefAnswers, caseCode: 'MS-0043' },
      }),
    );
    expect((await bot.post(body)).status).toBe(200);
    const again = await bot.post(body, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.json())).toContain('Already received');
    expect(await count(`SELECT count(*) AS n FROM "Debrief" WHERE "caseCode" = 'MS-0043'`)).toBe(1);
  });

  it('creates nothing more when the submission reaches a second replica, or arrives after a restart', async () => {
    const view = await openModal('U0SAM');
    const body = payloadBody(
      viewSubmissionPayload({
        userId: 'U0SAM',
        viewId: 'V0DEBRIEF3',
        view,
        answers: { ...debriefAnswers, caseCode: 'MS-0044' },
      }),
    );
    expect((await bot.post(body)).status).toBe(200);
    const replica = await startSlackBot(fake, {}, { database });
    try {
      expect(JSON.stringify((await replica.post(body)).json())).toContain('Already received');
    } finally {
      await replica.app.close();
    }
    await bot.app.close();
    bot = await startSlackBot(fake, {}, { database });
    expect(JSON.stringify((await bot.post(body)).json())).toContain('Already received');
    expect(await count(`SELECT count(*) AS n FROM "Debrief" WHERE "caseCode" = 'MS-0044'`)).toBe(1);
  });

  it('opens one modal for a slash command Slack delivers twice, and says the second was already received', async () => {
    const opened = fake.callsTo('views.open').length;
    const body = slashCommandBody({ command: '/debrief', userId: 'U0SAM', responseUrl: fake.responseUrl('retried') });
    expect((await bot.post(body)).status).toBe(200);
    expect(
      (await bot.post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status,
    ).toBe(200);
    expect(String((await fake.waitForResponse('retried')).body.text)).toContain('Already received');
    await fake.waitFor('views.open', opened + 1);
    expect(fake.callsTo('views.open')).toHaveLength(opened + 1);
  });

  it('shows field errors inline, by block id, and saves nothing until they are fixed', async () => {
    const view = await openModal('U0SAM');
    const bad = payloadBody(
      viewSubmissionPayload({
        userId: 'U0SAM',
        viewId: 'V0DEBRIEF4',
        view,
        answers: { ...debriefAnswers, caseCode: 'Jane Smith', feeling: '9' },
      }),
    );
    const reply = (await bot.post(bad)).json() as { response_action: string; errors: Record<string, string> };
    expect(reply.response_action).toBe('errors');
    expect(reply.errors).toEqual({
      caseCode: 'Case code should look like MS-0042: letters, a dash, then numbers. Never a name.',
      feeling: 'How are you feeling, from 1 to 5? should be from 1 to 5.',
    });
    expect(await count(`SELECT count(*) AS n FROM "Debrief" WHERE "caseCode" = 'JANE SMITH'`)).toBe(0);
    const fixed = payloadBody(
      viewSubmissionPayload({
        userId: 'U0SAM',
        viewId: 'V0DEBRIEF4',
        view,
        answers: { ...debriefAnswers, caseCode: 'MS-0045' },
      }),
    );
    expect((await bot.post(fixed)).json()).toMatchObject({ response_action: 'update' });
    expect(await count(`SELECT count(*) AS n FROM "Debrief" WHERE "caseCode" = 'MS-0045'`)).toBe(1);
  });
});

describe('a flagged debrief on Slack is a concern the coordinators are told of', () => {
  const NOTES = 'He said his uncle keeps a crossbow in the shed on Alder Lane';
  const flagged = (caseCode: string) => ({
    ...debriefAnswers,
    caseCode,
    sessionWent: 'difficult',
    flagConcern: 'yes',
    concernCategory: 'risk_to_others',
    notes: NOTES,
  });
  const db = () => bot.app.deps.db;
  let river: string;
  let wren: string;

  async function join(name: string, slackId: string, roles: ('mentor' | 'coordinator')[]): Promise<string> {
    const id = randomUUID();
    await db().member.create({
      data: {
        id,
        displayName: name,
        roles,
        identities: { create: { id: randomUUID(), platform: 'slack', platformUserId: slackId } },
      },
    });
    return id;
  }

  async function assign(code: string, memberId: string): Promise<void> {
    const caseId = randomUUID();
    await db().case.create({ data: { id: caseId, code } });
    await db().caseAssignment.create({
      data: { id: randomUUID(), caseId, memberId, role: 'mentor', assignedAt: new Date('2026-11-01T10:00:00Z') },
    });
  }

  /** The chat.postMessage calls to a member's direct message that name `code`, once the outbox has delivered `count` of them. */
  const directMessages = (slackId: string, code: string, count = 1) =>
    vi.waitFor(
      () => {
        const posts = fake
          .callsTo('chat.postMessage')
          .filter((c) => c.body.channel === `D${slackId}` && String(c.body.text).includes(code));
        expect(posts.length).toBeGreaterThanOrEqual(count);
        return posts;
      },
      { timeout: 5000, interval: 20 },
    );
  const takeButton = (post: SlackCall) =>
    (post.body.blocks as { type: string; elements?: { action_id: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'concern.take');

  beforeAll(async () => {
    const niamh = await join('Niamh', 'U0NIAMH', ['mentor']);
    river = await join('River', 'U0RIVER', ['coordinator']);
    wren = await join('Wren', 'U0WREN', ['coordinator']);
    await assign('MS-7301', niamh);
    await assign('MS-7302', niamh);
  });

  it('records one concern and sends the duty coordinator a direct message naming the case with a Take button; a redelivery adds nothing', async () => {
    for (let weekday = 1; weekday <= 7; weekday++) {
      await db().rotaPattern.create({
        data: { id: randomUUID(), weekday, startMinute: 0, endMinute: 1440, position: 'primary', coordinatorId: river },
      });
    }
    const wrenOwedBefore = await db().outboxMessage.count({ where: { recipientMemberId: wren } });
    const postsBefore = fake.callsTo('chat.postMessage').length;
    const view = await openModal('U0NIAMH');
    const body = payloadBody(
      viewSubmissionPayload({ userId: 'U0NIAMH', viewId: 'V0FLAGGED1', view, answers: flagged('MS-7301') }),
    );
    const reply = await bot.post(body);
    expect(reply.status).toBe(200);
    const concerns = await db().concern.findMany({ where: { caseCode: 'MS-7301' } });
    expect(concerns).toHaveLength(1);
    expect(concerns[0]).toMatchObject({
      source: 'debrief',
      category: 'risk_to_others',
      urgency: 'today',
      ownerId: null,
    });
    const number = concerns[0]!.number;
    expect(JSON.stringify(reply.json())).toContain(`The coordinators have been told: this is concern #${number}`);

    const [post] = await directMessages('U0RIVER', 'MS-7301');
    expect(fake.callsTo('conversations.open').some((c) => c.body.users === 'U0RIVER')).toBe(true);
    expect(String(post!.body.text)).toContain(`Concern #${number}: MS-7301: please take it`);
    expect(String(post!.body.text)).toContain('You are the duty coordinator');
    expect(JSON.stringify(post!.body.blocks)).toContain('Risk to others');
    expect(takeButton(post!)?.value).toBe(concerns[0]!.id);
    expect(JSON.stringify(post!.body)).not.toContain('crossbow');
    // Only the coordinator on duty is told.
    expect((await db().outboxMessage.count({ where: { recipientMemberId: wren } })) - wrenOwedBefore).toBe(0);
    expect(
      fake
        .callsTo('chat.postMessage')
        .slice(postsBefore)
        .filter((c) => c.body.channel === 'DU0WREN'),
    ).toEqual([]);

    const again = await bot.post(body, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.json())).toContain('Already received');
    expect(await db().concern.count({ where: { caseCode: 'MS-7301' } })).toBe(1);
    expect(await db().debrief.count({ where: { caseCode: 'MS-7301' } })).toBe(1);
    expect(
      await db().outboxMessage.count({
        where: { recipientMemberId: river, logicalKey: { startsWith: `concern:${concerns[0]!.id}:raised` } },
      }),
    ).toBe(1);
  });

  it('tells every coordinator when nobody is on the duty rota', async () => {
    await db().rotaPattern.deleteMany();
    const view = await openModal('U0NIAMH');
    const reply = await bot.post(
      payloadBody(
        viewSubmissionPayload({ userId: 'U0NIAMH', viewId: 'V0FLAGGED2', view, answers: flagged('MS-7302') }),
      ),
    );
    expect(reply.status).toBe(200);
    const concerns = await db().concern.findMany({ where: { caseCode: 'MS-7302' } });
    expect(concerns).toHaveLength(1);
    for (const coordinator of ['U0RIVER', 'U0WREN']) {
      const [post] = await directMessages(coordinator, 'MS-7302');
      expect(String(post!.body.text)).toContain(`Concern #${concerns[0]!.number}: MS-7302: please take it`);
      expect(String(post!.body.text)).toContain('Nobody is on the duty rota, so every coordinator is told');
      expect(takeButton(post!)?.value).toBe(concerns[0]!.id);
      expect(JSON.stringify(post!.body)).not.toContain('crossbow');
    }
    // The mentor who raised it is not asked to take it.
    expect(
      fake
        .callsTo('chat.postMessage')
        .filter((c) => c.body.channel === 'DU0NIAMH' && String(c.body.text).includes('please take it')),
    ).toEqual([]);
  });
});

describe('the /msn command family', () => {
  /** The private answer to a slash command, as the member reads it. */
  async function answer(command: string, text: string, userId = 'U0KAI'): Promise<string> {
    const id = randomUUID();
    expect(
      (await bot.post(slashCommandBody({ command, text, userId, responseUrl: fake.responseUrl(id) }))).status,
    ).toBe(200);
    const { body } = await fake.waitForResponse(id);
    return `${String(body.text)}\n${JSON.stringify(body.blocks)}`;
  }

  it('opens the debrief form for a signed /msn debrief exactly as /debrief does', async () => {
    const direct = await openModal('U0KAI', '/debrief');
    const family = await openModal('U0KAI', '/msn', 'debrief');
    expect(family.callback_id).toBe('debrief');
    expect(family).toEqual(direct);
  });

  it('answers /msn case list as /case list', async () => {
    const family = await answer('/msn', 'case list');
    expect(family).toContain('You have no cases assigned just now');
    expect(await answer('/case', 'list')).toBe(family);
  });

  it('shows the help for /msn alone and /msn help, naming every command as typed on Slack', async () => {
    const help = await answer('/msn', '');
    expect(help).toContain('how the bot can help');
    expect(await answer('/msn', 'help')).toBe(help);
    expect(help).toContain('*/msn case [list');
    expect(help).toContain('*/msn supervision [request');
    expect(help).toContain('*/debrief*');
    expect(help).not.toMatch(/[\s*]\/(case|supervision|help)\b/);
  });

  it('answers an unknown subcommand with the commands there are', async () => {
    const text = await answer('/msn', 'frobnicate now');
    expect(text).toContain('/msn has no command "frobnicate"');
    expect(text).toContain('The commands are: help, debrief, debriefs, case,');
    expect(text).toContain('Type /msn help to see what each does.');
  });

  it('writes a command a reply names as /msn supervision request', async () => {
    expect(await answer('/msn', 'supervision list')).toContain(
      'You have not asked for supervision yet. /msn supervision request asks a peer supervisor privately.',
    );
  });
});
