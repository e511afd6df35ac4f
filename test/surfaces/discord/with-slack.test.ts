// Slack and Discord in one process: both surfaces start on the same router and database, each
// answers its own members, and a delivery goes to the platform it is for.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { discordUser, slashCommand } from '../../helpers/discord-payloads.js';
import { messageOf } from '../../helpers/discord-bot.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { METRICS_TOKEN, withMetricsToken } from '../../helpers/metrics-token.js';
import { slackEnv } from '../../helpers/slack-bot.js';
import { postSigned, slashCommandBody } from '../../helpers/slack-requests.js';

let discord: FakeDiscord;
let slack: FakeSlack;
let app: TestApp;

beforeAll(async () => {
  discord = await startFakeDiscord();
  slack = await startFakeSlack();
  app = await startTestApp({
    ...slackEnv(slack),
    SURFACES: 'slack,discord',
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.url,
    METRICS_TOKEN,
  });
});

// Two surfaces close in turn, each letting its in-flight work finish: on a loaded two-core CI machine
// this once took over the default minute.
afterAll(async () => {
  await app?.close();
  await Promise.all([discord?.close(), slack?.close()]);
}, 180_000);

describe('Slack and Discord in one process', () => {
  it('runs both surfaces, and each answers its own members', async () => {
    expect(app.surfaces.map((s) => [s.platform, s.connected()])).toEqual([
      ['slack', true],
      ['discord', true],
    ]);
    const health = (await (await fetch(`http://127.0.0.1:${app.http.port}/healthz`, withMetricsToken())).json()) as {
      surfaces: Record<string, boolean>;
    };
    expect(health.surfaces).toMatchObject({ slack: true, discord: true });

    const help = messageOf(
      await discord.interact(slashCommand(discordUser('vic'), { applicationId: discord.applicationId }, 'help')),
    );
    expect(help.content).toContain('how the bot can help');
    const reply = await postSigned(
      `http://127.0.0.1:${app.http.port}/slack/events`,
      slashCommandBody({ command: '/help', userId: 'U0VIC', responseUrl: slack.responseUrl() }),
    );
    expect(reply.status).toBe(200);
  });

  it('delivers on the platform a delivery is for', async () => {
    const onDiscord = app.surfaces.find((s) => s.platform === 'discord')!;
    const result = await onDiscord.deliver({
      outboxId: randomUUID(),
      target: { kind: 'channel', channelId: '400000000000000004' },
      message: { text: 'Digest for week 47 is ready.' },
    });
    expect(result.status).toBe('ok');
    expect(discord.messages.map((m) => m.content)).toContain('Digest for week 47 is ready.');
    expect(slack.messages.map((m) => JSON.stringify(m))).not.toContain('week 47');
  });
});
