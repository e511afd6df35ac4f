// Issue 16, "Slack requests only from our own workspace, never from bots or Slack Connect
// strangers": a request signed with our signing secret can still come from another workspace (the
// app installed there), from a Slack Connect user of another organisation in a shared channel, or
// from a bot. Each is refused kindly, in place, with nothing written (no member joins), audited as
// 'access.refused' when the account is a member's and logged otherwise. Before the fix each of them
// was admitted, and with MEMBERSHIP=open joined the network as a mentor.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';
import {
  appHomeOpenedBody,
  blockActionsPayload,
  newTriggerId,
  payloadBody,
  slashCommandBody,
  TEAM,
  viewSubmissionPayload,
} from '../helpers/slack-requests.js';

const OTHER = { id: 'T0OTHER', domain: 'other-org' };
const PARTNER = 'T0PARTNER';
const FOREIGN = 'only for the members of its own Slack workspace';

let fake: FakeSlack;
let database: TestDatabase;
let bot: SlackBot;
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  database = await createTestDatabase();
  bot = await startSlackBot(fake, {}, { database });
  // Every surface and the router log through deps.log: read what they write.
  bot.app.deps.log = pino(
    { level: 'info' },
    new Writable({
      write: (chunk, _enc, done) => {
        logged.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
});
afterAll(async () => {
  await bot?.app.close();
  await fake?.close();
  await database?.drop();
});

const db = () => bot.app.deps.db;
const memberOf = (userId: string) =>
  db().member.findFirst({ where: { identities: { some: { platform: 'slack', platformUserId: userId } } } });

/** Rows anything could have written for a request. */
async function written(): Promise<number> {
  const counts = await Promise.all([
    db().member.count(),
    db().memberIdentity.count(),
    db().event.count(),
    db().outboxMessage.count(),
    db().inboundReceipt.count(),
    db().formDraft.count(),
    db().debrief.count(),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

const refusedLog = (userId: string, reason: string) =>
  logged.find((l) => l.msg === 'slack request refused' && l.userId === userId && l.reason === reason);
const waitForLog = async (userId: string, reason: string) => {
  const until = Date.now() + 5000;
  while (!refusedLog(userId, reason)) {
    if (Date.now() > until) throw new Error(`no refusal logged for ${userId} (${reason})`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return refusedLog(userId, reason)!;
};

/** A slash command with its team fields replaced; resolves with the text of the in-place reply. */
async function command(
  userId: string,
  text: string,
  fields: Record<string, string> = {},
  commandName = '/help',
): Promise<string> {
  const id = `r-${newTriggerId()}`;
  const params = new URLSearchParams(
    slashCommandBody({ command: commandName, text, userId, responseUrl: fake.responseUrl(id) }),
  );
  for (const [key, value] of Object.entries(fields)) params.set(key, value);
  expect((await bot.post(params.toString())).status).toBe(200);
  const post = await fake.waitForResponse(id);
  expect(post.body.response_type).toBe('ephemeral');
  return String(post.body.text);
}

/** Nothing was opened, posted or published for this user by the bot (only the in-place reply). */
function nothingSentTo(userId: string): void {
  for (const method of [
    'views.open',
    'views.push',
    'views.publish',
    'chat.postEphemeral',
    'chat.postMessage',
    'conversations.open',
  ]) {
    expect(fake.callsTo(method).filter((c) => JSON.stringify(c.body).includes(userId))).toEqual([]);
  }
}

describe('requests from another workspace', () => {
  it('refuses a slash command from another team in place, looks nobody up and writes nothing', async () => {
    const before = await written();
    const text = await command('U0OUTSIDER', '', { team_id: OTHER.id, team_domain: OTHER.domain }, '/debrief');
    expect(text).toContain(FOREIGN);
    expect(text).toContain('nothing was done');
    expect(await memberOf('U0OUTSIDER')).toBeNull();
    expect(await written()).toBe(before);
    expect(fake.callsTo('users.info').filter((c) => c.body.user === 'U0OUTSIDER')).toEqual([]);
    nothingSentTo('U0OUTSIDER');
    expect(await waitForLog('U0OUTSIDER', 'foreign_workspace')).toMatchObject({ kind: 'command', teamIds: [OTHER.id] });
  });

  it('refuses a button click from another team, and from a Slack Connect user of a partner organisation in our shared channel', async () => {
    const before = await written();
    for (const [userId, team, userTeam] of [
      ['U0CLICKER', OTHER, OTHER.id],
      ['U0PARTNER', TEAM, PARTNER],
    ] as const) {
      const id = `a-${newTriggerId()}`;
      const payload = blockActionsPayload({ userId, actionId: 'profile.edit', responseUrl: fake.responseUrl(id) });
      const body = { ...payload, team, user: { ...payload.user, team_id: userTeam } };
      expect((await bot.post(payloadBody(body))).status).toBe(200);
      expect(String((await fake.waitForResponse(id)).body.text)).toContain(FOREIGN);
      expect(await memberOf(userId)).toBeNull();
      nothingSentTo(userId);
      await waitForLog(userId, 'foreign_workspace');
    }
    expect(await written()).toBe(before);
  });

  it('refuses a command from someone whose home workspace is another, even in our own channel', async () => {
    fake.setUser({ id: 'U0GUESTORG', name: 'visitor', team_id: PARTNER });
    const before = await written();
    expect(await command('U0GUESTORG', '')).toContain(FOREIGN);
    expect(await memberOf('U0GUESTORG')).toBeNull();
    expect(await written()).toBe(before);
    await waitForLog('U0GUESTORG', 'foreign_workspace');
  });

  it('answers a modal submitted from another team with the refusal in the modal, and saves nothing', async () => {
    const before = await written();
    const payload = viewSubmissionPayload({
      userId: 'U0FORMER',
      viewId: 'V0FOREIGN',
      view: { callback_id: 'debrief', blocks: [] },
      answers: {},
    });
    const body = {
      ...payload,
      team: OTHER,
      user: { ...payload.user, team_id: OTHER.id },
      view: { ...payload.view, team_id: OTHER.id, app_installed_team_id: OTHER.id },
    };
    const reply = await bot.post(payloadBody(body));
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ response_action: 'push' });
    expect(reply.text).toContain(FOREIGN);
    expect(await memberOf('U0FORMER')).toBeNull();
    expect(await written()).toBe(before);
    await waitForLog('U0FORMER', 'foreign_workspace');
  });

  it('does not publish a Home tab for another team', async () => {
    const event = JSON.parse(appHomeOpenedBody('U0HOMER'));
    event.team_id = OTHER.id;
    event.authorizations[0].team_id = OTHER.id;
    expect((await bot.post(JSON.stringify(event))).status).toBe(200);
    await waitForLog('U0HOMER', 'foreign_workspace');
    expect(await memberOf('U0HOMER')).toBeNull();
    nothingSentTo('U0HOMER');
  });
});

describe('bots', () => {
  it('refuses a bot user (users.info is_bot) and Slackbot, and records nothing', async () => {
    fake.setUser({ id: 'U0HELPERBOT', name: 'helper', is_bot: true });
    const before = await written();
    for (const userId of ['U0HELPERBOT', 'USLACKBOT']) {
      expect(await command(userId, '', {}, '/debrief')).toContain('answers people only');
      expect(await memberOf(userId)).toBeNull();
      nothingSentTo(userId);
      await waitForLog(userId, 'bot');
    }
    expect(await written()).toBe(before);
  });

  it('ignores a Home tab event sent by a bot', async () => {
    const event = JSON.parse(appHomeOpenedBody('U0BOTHOME'));
    event.event.bot_id = 'B0OTHERBOT';
    expect((await bot.post(JSON.stringify(event))).status).toBe(200);
    await waitForLog('U0BOTHOME', 'bot');
    expect(await memberOf('U0BOTHOME')).toBeNull();
    nothingSentTo('U0BOTHOME');
  });
});

describe('Slack Connect strangers', () => {
  it('refuses a stranger (users.info is_stranger) and records nothing', async () => {
    fake.setUser({ id: 'U0STRANGER', name: 'stranger', is_stranger: true });
    const before = await written();
    expect(await command('U0STRANGER', '', {}, '/debrief')).toContain(
      'people from other organisations in shared channels cannot use it',
    );
    expect(await memberOf('U0STRANGER')).toBeNull();
    expect(await written()).toBe(before);
    nothingSentTo('U0STRANGER');
    await waitForLog('U0STRANGER', 'stranger');
  });

  it("audits the refusal as 'access.refused' when the account is a member's", async () => {
    expect(await command('U0ALEX', '')).toContain('how the bot can help');
    const alex = (await memberOf('U0ALEX'))!;
    // Alex's account moves to another organisation and now reaches us over Slack Connect.
    fake.setUser({ id: 'U0ALEX', name: 'alex', is_stranger: true, team_id: PARTNER });
    bot.app.clock.advance(6 * 60 * 1000); // past the users.info cache
    const outbox = await db().outboxMessage.count();
    expect(await command('U0ALEX', '', {}, '/debrief')).toContain('people from other organisations');
    const refused = await db().event.findMany({
      where: { subjectKind: 'member', subjectId: alex.id, kind: 'access.refused' },
    });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      actorId: alex.id,
      surface: 'slack',
      data: { reason: 'stranger', what: 'slack command' },
    });
    // From another workspace altogether: audited with its own reason.
    expect(await command('U0ALEX', '', { team_id: OTHER.id })).toContain(FOREIGN);
    expect(
      await db().event.count({
        where: { subjectId: alex.id, kind: 'access.refused', data: { path: ['reason'], equals: 'foreign_workspace' } },
      }),
    ).toBe(1);
    expect(await db().outboxMessage.count()).toBe(outbox);
    expect(fake.callsTo('views.open').filter((c) => JSON.stringify(c.body).includes('U0ALEX'))).toEqual([]);
  });

  it('still admits our own members', async () => {
    fake.setUser({ id: 'U0OWN', name: 'own', team_id: TEAM.id });
    expect(await command('U0OWN', '')).toContain('how the bot can help');
    expect(await memberOf('U0OWN')).not.toBeNull();
  });
});

describe('SLACK_TEAM_ID', () => {
  it('refuses to start when the bot token belongs to another workspace', async () => {
    await expect(startSlackBot(fake, { SLACK_TEAM_ID: 'T0ELSEWHERE' }, { database })).rejects.toThrow(
      /SLACK_BOT_TOKEN belongs to Slack workspace T0NETWORK, not to SLACK_TEAM_ID T0ELSEWHERE/,
    );
  });

  it('serves the workspace it names and refuses others', async () => {
    const pinned = await startSlackBot(fake, { SLACK_TEAM_ID: TEAM.id }, { database });
    try {
      const ask = async (team: string) => {
        const id = `p-${newTriggerId()}`;
        const params = new URLSearchParams(
          slashCommandBody({ command: '/help', userId: 'U0PINNED', responseUrl: fake.responseUrl(id) }),
        );
        params.set('team_id', team);
        await pinned.post(params.toString());
        return String((await fake.waitForResponse(id)).body.text);
      };
      expect(await ask(OTHER.id)).toContain(FOREIGN);
      expect(await ask(TEAM.id)).toContain('how the bot can help');
    } finally {
      await pinned.app.close();
    }
  });
});
