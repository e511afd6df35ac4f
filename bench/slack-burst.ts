// A burst of signed /debrief slash commands: how long a mentor waits from the command to the form
// (views.open reaching Slack; the trigger_id expires after 3 s), for the whole bot in its own process
// (start:prod; `-- --dev` runs it through npm start) against a bare Bolt app that acks and opens the
// same modal, prebuilt, run alternately against one local fake Slack API. Then 1,000 commands from 20
// members at once: every member gets the form or the plain busy answer, never "something went
// wrong". Prints one JSON line. Usage: npm run bench:slack [-- --dev]
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { App, LogLevel, type types } from '@slack/bolt';
import { startFakeSlack, type FakeSlack } from '../test/helpers/fake-slack.js';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../test/helpers/slack-requests.js';
import { buildUnlessDev, dev, machine, quantile, ratio, sleep, startBot } from './bot-process.js';

const LEVELS = [
  { concurrency: 1, requests: 100 },
  { concurrency: 5, requests: 200 },
  { concurrency: 20, requests: 400 },
];
const MEMBERS = 50;
const member = (i: number) => `U0BENCH${String(i % MEMBERS).padStart(2, '0')}`;

interface Sent {
  trigger: string;
  sentAt: number;
  ackMs: number;
  status: number;
}

/** Sends `count` commands, `parallel` at a time; each worker speaks for its own members. */
async function burst(
  url: string,
  fake: FakeSlack,
  tag: string,
  count: number,
  parallel: number,
  who = (i: number, _worker: number) => member(i),
): Promise<Sent[]> {
  const sent: Sent[] = [];
  let next = 0;
  const worker = async (w: number) => {
    while (next < count) {
      const i = next++;
      const trigger = `${tag}-${i}`;
      const body = slashCommandBody({
        command: '/debrief',
        userId: who(i, w),
        responseUrl: fake.responseUrl(trigger),
        triggerId: trigger,
      });
      const sentAt = performance.now();
      const reply = await postSigned(url, body);
      sent.push({ trigger, sentAt, ackMs: performance.now() - sentAt, status: reply.status });
    }
  };
  await Promise.all(Array.from({ length: parallel }, (_, w) => worker(w)));
  return sent;
}

/** What each command came to: the form (and when), the busy answer, "something went wrong", or nothing. */
async function settle(fake: FakeSlack, sent: Sent[]) {
  const byTrigger = new Map(sent.map((s) => [s.trigger, s]));
  const answered = () => {
    const opened = new Map<string, number>();
    for (const call of fake.callsTo('views.open')) {
      const s = byTrigger.get(String(call.body.trigger_id));
      if (s) opened.set(s.trigger, call.at - s.sentAt);
    }
    const texts = new Map<string, string>();
    for (const post of fake.responses) if (byTrigger.has(post.id)) texts.set(post.id, JSON.stringify(post.body));
    return { opened, texts };
  };
  const deadline = performance.now() + 10_000;
  let result = answered();
  while (
    performance.now() < deadline &&
    sent.some((s) => !result.opened.has(s.trigger) && !result.texts.has(s.trigger))
  ) {
    await sleep(50);
    result = answered();
  }
  const busy = [...result.texts.values()].filter((t) => t.includes('very busy')).length;
  const wrong = [...result.texts.values()].filter((t) => t.includes('something went wrong')).length;
  const late = [...result.opened.values()].filter((ms) => ms > 3_000).length;
  return {
    ack: {
      p50: quantile(
        sent.map((s) => s.ackMs),
        0.5,
      ),
      p99: quantile(
        sent.map((s) => s.ackMs),
        0.99,
      ),
    },
    open: { p50: quantile([...result.opened.values()], 0.5), p99: quantile([...result.opened.values()], 0.99) },
    opened: result.opened.size,
    busy,
    somethingWentWrong: wrong,
    openedAfterTriggerExpired: late,
    notAnswered: sent.filter((s) => !result.opened.has(s.trigger) && !result.texts.has(s.trigger)).length,
    httpErrors: sent.filter((s) => s.status !== 200).length,
  };
}

/** The floor: acks, then opens the very modal the bot opens (captured from it), built once. */
async function bareBolt(fake: FakeSlack, view: types.ModalView) {
  const app = new App({
    signingSecret: SIGNING_SECRET,
    token: 'xoxb-test',
    clientOptions: { slackApiUrl: fake.url },
    logLevel: LogLevel.ERROR,
  });
  app.command(/.*/, async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
  const server = (await app.start(0)) as { address(): AddressInfo | string | null };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: () => app.stop() };
}

buildUnlessDev();
const fake = await startFakeSlack();
const bot = await startBot({
  SURFACES: 'slack',
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: fake.url,
});
const events = `${bot.url}/slack/events`;
// Each member's first contact (joining is not what is measured), then a warm-up for both.
for (let i = 0; i < MEMBERS; i++) await settle(fake, await burst(events, fake, `join-${i}`, 1, 1, () => member(i)));
await settle(fake, await burst(events, fake, 'warm-bot', 50, 5));
const bare = await bareBolt(fake, fake.callsTo('views.open').at(-1)!.body.view as types.ModalView);
try {
  await settle(fake, await burst(bare.url, fake, 'warm-bare', 50, 5));
  const levels: Record<string, unknown> = {};
  for (const { concurrency, requests } of LEVELS) {
    const bareFigures = await settle(fake, await burst(bare.url, fake, `bare-${concurrency}`, requests, concurrency));
    const botFigures = await settle(fake, await burst(events, fake, `bot-${concurrency}`, requests, concurrency));
    levels[concurrency] = {
      requests,
      bot: botFigures,
      bare: bareFigures,
      ratio: {
        openP50: ratio(botFigures.open.p50, bareFigures.open.p50),
        openP99: ratio(botFigures.open.p99, bareFigures.open.p99),
      },
    };
  }
  const sustained = await settle(fake, await burst(events, fake, 'sustained', 1_000, 20, (_i, w) => member(w)));
  const log = bot.log();
  process.stdout.write(
    `${JSON.stringify({
      bench: 'slack-burst',
      unit: 'ms',
      start: dev ? 'npm start (tsx)' : 'npm run start:prod (node dist)',
      command: '/debrief',
      members: MEMBERS,
      levels,
      sustained: { requests: 1_000, concurrency: 20, ...sustained },
      p2028: (log.match(/P2028/g) ?? []).length,
      turnedAwayNoConnection: (log.match(/no connection in time/g) ?? []).length,
      peakRssMb: bot.peakRssMb(),
      ...machine(),
    })}\n`,
  );
} finally {
  await bare.stop();
  await bot.stop();
  await fake.close();
}
