// Who may use the bot from Slack, and how commands, subcommands, buttons and the Home tab reach the
// router: first-time members, guests, invitation-only networks, members without permission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { owedMessages } from '../../helpers/owed.js';
import { startSlackBot, type SlackBot } from '../../helpers/slack-bot.js';
import {
  appHomeOpenedBody,
  blockActionsPayload,
  newTriggerId,
  payloadBody,
  slashCommandBody,
} from '../../helpers/slack-requests.js';

let fake: FakeSlack;
let bot: SlackBot;

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = await startSlackBot(fake);
});
afterAll(async () => {
  await bot?.app.close();
  await fake?.close();
});

/** Runs a command and returns the text of the ephemeral reply posted to its response_url. */
async function ephemeral(
  userId: string,
  command: string,
  text = '',
): Promise<{ text: string; body: Record<string, unknown> }> {
  const id = `r-${newTriggerId()}`;
  const reply = await bot.post(slashCommandBody({ command, text, userId, responseUrl: fake.responseUrl(id) }));
  expect(reply.status).toBe(200);
  const post = await fake.waitForResponse(id);
  expect(post.body.response_type).toBe('ephemeral');
  return { text: String(post.body.text), body: post.body };
}

const memberOf = (userId: string) =>
  bot.app.deps.db.member.findFirst({ where: { identities: { some: { platform: 'slack', platformUserId: userId } } } });

describe('Slack members and routing', () => {
  it('admits a first-time user as a mentor with their Slack name and time zone, audited and told to coordinators', async () => {
    fake.setUser({
      id: 'U0NEW',
      name: 'riley',
      real_name: 'Riley Example',
      tz: 'America/New_York',
      profile: { display_name: 'Riley' },
    });
    const owedBefore = new Set((await owedMessages(bot.app.deps)).map((m) => m.id));
    const { text } = await ephemeral('U0NEW', '/help');
    expect(text).toContain('how the bot can help');
    const member = await memberOf('U0NEW');
    expect(member).toMatchObject({ displayName: 'Riley', roles: ['mentor'], timeZone: 'America/New_York' });
    expect(
      await bot.app.deps.db.event.count({ where: { subjectId: member!.id, kind: 'member.joined', surface: 'slack' } }),
    ).toBe(1);
    const toCoordinators = (await owedMessages(bot.app.deps)).filter(
      (m) => m.channel === 'coordinators' && !owedBefore.has(m.id),
    );
    expect(toCoordinators.map((m) => [m.platform, m.message.text])).toEqual([
      ['slack', 'Riley joined the network as a mentor (first contact on slack).'],
    ]);
  });

  it('refuses a guest (restricted or single-channel), records nothing and opens nothing', async () => {
    fake.setUser({ id: 'U0GUEST', name: 'guest', is_restricted: true });
    fake.setUser({ id: 'U0SINGLE', name: 'single', is_restricted: true, is_ultra_restricted: true });
    const opensBefore = fake.callsTo('views.open').length;
    for (const userId of ['U0GUEST', 'U0SINGLE']) {
      const { text } = await ephemeral(userId, '/debrief');
      expect(text).toContain('guest accounts cannot use the network bot');
      expect(await memberOf(userId)).toBeNull();
    }
    expect(fake.callsTo('views.open').slice(opensBefore)).toHaveLength(0);
  });

  it('refuses /debrief to a board member, privately, and audits the refusal', async () => {
    await ephemeral('U0BOARD', '/help');
    const member = (await memberOf('U0BOARD'))!;
    await bot.app.deps.db.member.update({ where: { id: member.id }, data: { roles: ['board'] } });
    const opensBefore = fake.callsTo('views.open').length;
    const { text } = await ephemeral('U0BOARD', '/debrief');
    expect(text).toContain('/debrief is for mentors only');
    expect(fake.callsTo('views.open').slice(opensBefore)).toHaveLength(0);
    expect(
      await bot.app.deps.db.event.count({ where: { actorId: member.id, kind: 'access.refused', surface: 'slack' } }),
    ).toBe(1);
  });

  it('names an unknown command, and a subcommand that does not exist', async () => {
    expect((await ephemeral('U0SAM', '/teleport')).text).toBe(
      "I don't know the command /teleport. Type /msn help to see what you can use.",
    );
    expect((await ephemeral('U0SAM', '/msn', 'profile teleport')).text).toContain('/msn profile has no "teleport"');
  });

  it('runs the default subcommand when none is given, and the one named in the text otherwise', async () => {
    const shown = await ephemeral('U0SAM', '/profile');
    expect(shown.text).toContain('Your profile');
    const blocks = shown.body.blocks as { type: string; elements?: { action_id: string; text: { text: string } }[] }[];
    expect(blocks.find((b) => b.type === 'actions')?.elements?.[0]).toMatchObject({
      action_id: 'profile.edit',
      text: { text: 'Edit profile' },
    });
    const before = fake.callsTo('views.open').length;
    await bot.post(
      slashCommandBody({ command: '/profile', text: 'edit', userId: 'U0SAM', responseUrl: fake.responseUrl() }),
    );
    const [open] = (await fake.waitFor('views.open', before + 1)).slice(before);
    expect((open!.body.view as { callback_id: string }).callback_id).toBe('profile');
  });

  it('routes a button click by its action id: Edit profile opens the profile form', async () => {
    const before = fake.callsTo('views.open').length;
    const payload = blockActionsPayload({ userId: 'U0SAM', actionId: 'profile.edit', responseUrl: fake.responseUrl() });
    const reply = await bot.post(payloadBody(payload));
    expect(reply.status).toBe(200);
    const [open] = (await fake.waitFor('views.open', before + 1)).slice(before);
    expect(open!.body.trigger_id).toBe(payload.trigger_id);
    expect((open!.body.view as { callback_id: string }).callback_id).toBe('profile');
  });

  it('pushes a form opened from a button inside a modal, and answers a Home-tab click by direct message', async () => {
    let before = fake.callsTo('views.push').length;
    const inModal = blockActionsPayload({
      userId: 'U0SAM',
      actionId: 'profile.edit',
      container: { type: 'view', view_id: 'V0OPEN' },
      view: { id: 'V0OPEN', type: 'modal' },
    });
    await bot.post(payloadBody(inModal));
    const [push] = (await fake.waitFor('views.push', before + 1)).slice(before);
    expect(push!.body.trigger_id).toBe(inModal.trigger_id);
    before = fake.callsTo('chat.postMessage').length;
    const fromHome = blockActionsPayload({
      userId: 'U0SAM',
      actionId: 'retired.button',
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home' },
    });
    await bot.post(payloadBody(fromHome));
    const [dm] = (await fake.waitFor('chat.postMessage', before + 1)).slice(before);
    expect(dm!.body.channel).toBe('DU0SAM');
    expect(String(dm!.body.text)).toBe('That button is no longer active.');
  });

  it('publishes the Home tab with the sections the member may see; a first visit joins once, told to coordinators', async () => {
    fake.setUser({ id: 'U0HOME', name: 'hollis', profile: { display_name: 'Hollis' } });
    const notices = async () =>
      (await owedMessages(bot.app.deps))
        .filter((m) => m.channel === 'coordinators')
        .map((m) => m.message.text)
        .sort();
    const noticesBefore = await notices();
    const publishesBefore = fake.callsTo('views.publish').length;
    const body = appHomeOpenedBody('U0HOME');
    const replies = await Promise.all([
      bot.post(body),
      bot.post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const publishes = (await fake.waitFor('views.publish', publishesBefore + 2)).filter(
      (c) => c.body.user_id === 'U0HOME',
    );
    const view = publishes[0]!.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('Your recent debriefs');
    expect(await bot.app.deps.db.memberIdentity.count({ where: { platform: 'slack', platformUserId: 'U0HOME' } })).toBe(
      1,
    );
    expect(await notices()).toEqual(
      [...noticesBefore, 'Hollis joined the network as a mentor (first contact on slack).'].sort(),
    );
  });

  it('tells a guest opening the Home tab that guests cannot use the bot', async () => {
    fake.setUser({ id: 'U0GUESTHOME', name: 'visitor', is_restricted: true });
    const publishesBefore = fake.callsTo('views.publish').length;
    await bot.post(appHomeOpenedBody('U0GUESTHOME'));
    const [publish] = (await fake.waitFor('views.publish', publishesBefore + 1)).filter(
      (c) => c.body.user_id === 'U0GUESTHOME',
    );
    expect(JSON.stringify(publish!.body.view)).toContain('guest accounts cannot use');
  });

  it('replies kindly and does nothing when Slack cannot say who the user is', async () => {
    fake.fail('users.info', { status: 500 });
    const { text } = await ephemeral('U0LOOKUP', '/debrief');
    expect(text).toContain('Slack did not tell me who you are');
    expect(await memberOf('U0LOOKUP')).toBeNull();
  });

  it('falls back to chat.postEphemeral in the channel when the response_url fails', async () => {
    fake.fail('response_url', { status: 404 });
    const before = fake.callsTo('chat.postEphemeral').length;
    await bot.post(
      slashCommandBody({ command: '/help', userId: 'U0SAM', channelId: 'C0TEAM', responseUrl: fake.responseUrl() }),
    );
    const [call] = (await fake.waitFor('chat.postEphemeral', before + 1)).slice(before);
    expect(call!.body).toMatchObject({ channel: 'C0TEAM', user: 'U0SAM' });
    expect(String(call!.body.text)).toContain('how the bot can help');
  });
});

describe('Slack with MEMBERSHIP=invite', () => {
  it('tells an unknown user to ask a coordinator, and records nothing', async () => {
    const invite = await startSlackBot(fake, { MEMBERSHIP: 'invite' });
    try {
      const id = 'invite-reply';
      await invite.post(
        slashCommandBody({ command: '/help', userId: 'U0STRANGER', responseUrl: fake.responseUrl(id) }),
      );
      expect(String((await fake.waitForResponse(id)).body.text)).toContain('ask a coordinator to add you');
      expect(await invite.app.deps.db.memberIdentity.count({ where: { platformUserId: 'U0STRANGER' } })).toBe(0);
    } finally {
      await invite.app.close();
    }
  });
});
