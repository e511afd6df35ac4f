// Slack end to end: signed slash commands and modal submissions through the real Bolt receiver on
// the bot's HTTP server, asserting database rows and the Web API calls the fake recorded.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
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

const debriefAnswers = { caseCode: 'MS-0042', sessionDate: '2026-11-20', sessionWent: 'well', feeling: '4', flagConcern: 'no', notes: 'Talked about the football club he wants to join.' };

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
async function openModal(userId: string, command = '/debrief') {
  const before = fake.callsTo('views.open').length;
  const triggerId = newTriggerId();
  const reply = await bot.post(slashCommandBody({ command, userId, triggerId, responseUrl: fake.responseUrl() }));
  expect(reply.status).toBe(200);
  const [call] = (await fake.waitFor('views.open', before + 1)).slice(before);
  expect(call!.body.trigger_id).toBe(triggerId);
  return call!.body.view as { callback_id: string; private_metadata: string; blocks: { type: string; block_id?: string; element?: { type: string } }[] };
}

describe('Slack slash commands and modals', () => {
  it('acknowledges /debrief with an empty 200 before any database work, then opens one modal with its trigger_id', async () => {
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      // Hold the members' identities table: the router cannot identify anyone until it is released.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "MemberIdentity" IN ACCESS EXCLUSIVE MODE');
      const triggerId = newTriggerId();
      const reply = await bot.post(slashCommandBody({ command: '/debrief', userId: 'U0SAM', triggerId, responseUrl: fake.responseUrl() }));
      expect(reply.status).toBe(200);
      expect(reply.text).toBe('');
      expect(fake.callsTo('views.open')).toHaveLength(0);
      await locker.query('COMMIT');
      const [open] = await fake.waitFor('views.open');
      expect(open!.body.trigger_id).toBe(triggerId);
      expect(open!.headers.authorization).toBe('Bearer xoxb-test');
      const view = open!.body.view as { type: string; callback_id: string; blocks: { type: string; block_id?: string; element?: { type: string } }[] };
      expect(view.type).toBe('modal');
      expect(view.callback_id).toBe('debrief');
      const elements = Object.fromEntries(view.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, b.element!.type]));
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
        wantsSupervision: 'radio_buttons',
        wantsWelfare: 'radio_buttons',
        nextSteps: 'plain_text_input',
        notes: 'plain_text_input',
      });
    } finally {
      await locker.end();
    }
  });

  it('saves one debrief from the submitted modal and shows the outcome in it, quoting no free text', async () => {
    const view = await openModal('U0SAM');
    const reply = await bot.post(payloadBody(viewSubmissionPayload({ userId: 'U0SAM', viewId: 'V0DEBRIEF1', view, answers: debriefAnswers })));
    expect(reply.status).toBe(200);
    const answer = reply.json() as { response_action: string; view: { blocks: unknown[] } };
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toContain('Debrief saved');
    expect(JSON.stringify(answer.view)).not.toContain('football');
    expect(await count(`SELECT count(*) AS n FROM "Debrief" WHERE "caseCode" = 'MS-0042'`)).toBe(1);
  });

  it('creates nothing more when Slack delivers the same submission again (X-Slack-Retry-Num)', async () => {
    const view = await openModal('U0SAM');
    const body = payloadBody(viewSubmissionPayload({ userId: 'U0SAM', viewId: 'V0DEBRIEF2', view, answers: { ...debriefAnswers, caseCode: 'MS-0043' } }));
    expect((await bot.post(body)).status).toBe(200);
    const again = await bot.post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.json())).toContain('Already received');
    expect(await count(`SELECT count(*) AS n FROM "Debrief" WHERE "caseCode" = 'MS-0043'`)).toBe(1);
  });

  it('creates nothing more when the submission reaches a second replica, or arrives after a restart', async () => {
    const view = await openModal('U0SAM');
    const body = payloadBody(viewSubmissionPayload({ userId: 'U0SAM', viewId: 'V0DEBRIEF3', view, answers: { ...debriefAnswers, caseCode: 'MS-0044' } }));
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
    expect((await bot.post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    expect(String((await fake.waitForResponse('retried')).body.text)).toContain('Already received');
    await fake.waitFor('views.open', opened + 1);
    expect(fake.callsTo('views.open')).toHaveLength(opened + 1);
  });

  it('shows field errors inline, by block id, and saves nothing until they are fixed', async () => {
    const view = await openModal('U0SAM');
    const bad = payloadBody(viewSubmissionPayload({ userId: 'U0SAM', viewId: 'V0DEBRIEF4', view, answers: { ...debriefAnswers, caseCode: 'Jane Smith', feeling: '9' } }));
    const reply = (await bot.post(bad)).json() as { response_action: string; errors: Record<string, string> };
    expect(reply.response_action).toBe('errors');
    expect(reply.errors).toEqual({
      caseCode: 'Case code should look like MS-0042: letters, a dash, then numbers. Never a name.',
      feeling: 'How are you feeling, from 1 to 5? should be from 1 to 5.',
    });
    expect(await count(`SELECT count(*) AS n FROM "Debrief" WHERE "caseCode" = 'JANE SMITH'`)).toBe(0);
    const fixed = payloadBody(viewSubmissionPayload({ userId: 'U0SAM', viewId: 'V0DEBRIEF4', view, answers: { ...debriefAnswers, caseCode: 'MS-0045' } }));
    expect((await bot.post(fixed)).json()).toMatchObject({ response_action: 'update' });
    expect(await count(`SELECT count(*) AS n FROM "Debrief" WHERE "caseCode" = 'MS-0045'`)).toBe(1);
  });
});
