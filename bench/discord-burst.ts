// A burst of /debrief interactions on Discord: how long from INTERACTION_CREATE to the modal callback
// (Discord fails an interaction not answered within 3 s), for the whole bot in its own process
// (start:prod; `-- --dev` runs it through npm start) against a bare discord.js client that answers
// every interaction with a static modal, each on its own local fake Discord, run alternately. Then
// 1,000 interactions from 20 members at once. Prints one JSON line. Usage: npm run bench:discord [-- --dev]
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Client, Events, GatewayDispatchEvents, Routes } from 'discord.js';
import { discordUser, slashCommand, type TestUser } from '../test/helpers/discord-payloads.js';
import { startFakeDiscord, type FakeDiscord, type Shown } from '../test/helpers/fake-discord.js';
import { buildUnlessDev, dev, machine, quantile, ratio, startBot } from './bot-process.js';

const LEVELS = [
  { concurrency: 1, requests: 100 },
  { concurrency: 5, requests: 200 },
  { concurrency: 20, requests: 400 },
];
const members: TestUser[] = Array.from({ length: 50 }, (_, i) => discordUser(`bench_${i}`));

async function burst(
  fake: FakeDiscord,
  count: number,
  parallel: number,
  who = (i: number, _worker: number) => members[i % members.length]!,
) {
  const times: number[] = [];
  const outcomes: Shown[] = [];
  let failed = 0;
  let next = 0;
  const worker = async (w: number) => {
    while (next < count) {
      const i = next++;
      const started = performance.now();
      try {
        const shown = await fake.interact(slashCommand(who(i, w), { applicationId: fake.applicationId }, 'debrief'));
        times.push(performance.now() - started);
        outcomes.push(shown);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, (_, w) => worker(w)));
  const modals = outcomes.filter((o) => o.kind === 'modal').length;
  const texts = outcomes.filter((o) => o.kind === 'message').map((o) => JSON.stringify(o));
  return {
    modal: { p50: quantile(times, 0.5), p99: quantile(times, 0.99) },
    modals,
    busy: texts.filter((t) => t.includes('very busy')).length,
    somethingWentWrong: texts.filter((t) => t.includes('something went wrong')).length,
    otherAnswers: texts.filter((t) => !t.includes('very busy') && !t.includes('something went wrong')).length,
    afterThreeSeconds: times.filter((ms) => ms > 3_000).length,
    notAnswered: failed,
  };
}

/** A discord.js client that answers every interaction with a static modal: the floor. */
async function bareClient(fake: FakeDiscord) {
  const client = new Client({ intents: [], rest: { api: fake.url } });
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: { id: string; token: string }) => {
    void client.rest.post(Routes.interactionCallback(raw.id, raw.token), {
      body: {
        type: 9,
        data: {
          custom_id: 'debrief',
          title: 'Debrief',
          components: [{ type: 1, components: [{ type: 4, custom_id: 'notes', label: 'Notes', style: 2 }] }],
        },
      },
      auth: false,
    });
  });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  return client;
}

buildUnlessDev();
const botFake = await startFakeDiscord();
const bareFake = await startFakeDiscord();
const bot = await startBot({
  SURFACES: 'discord',
  DISCORD_TOKEN: botFake.token,
  DISCORD_APPLICATION_ID: botFake.applicationId,
  DISCORD_API_URL: botFake.url,
});
const bare = await bareClient(bareFake);
try {
  // Each member's first contact, one at a time (joining is not measured), then a warm-up for both.
  const joined = await burst(botFake, members.length, 1);
  await burst(botFake, 50, 5);
  await burst(bareFake, 50, 5);
  const levels: Record<string, unknown> = {};
  for (const { concurrency, requests } of LEVELS) {
    const bareFigures = await burst(bareFake, requests, concurrency);
    const botFigures = await burst(botFake, requests, concurrency);
    levels[concurrency] = {
      requests,
      bot: botFigures,
      bare: bareFigures,
      ratio: {
        modalP50: ratio(botFigures.modal.p50, bareFigures.modal.p50),
        modalP99: ratio(botFigures.modal.p99, bareFigures.modal.p99),
      },
    };
  }
  const sustained = await burst(botFake, 1_000, 20, (_i, w) => members[w]!);
  const log = bot.log();
  process.stdout.write(
    `${JSON.stringify({
      bench: 'discord-burst',
      unit: 'ms',
      start: dev ? 'npm start (tsx)' : 'npm run start:prod (node dist)',
      command: '/debrief',
      members: members.length,
      firstContact: joined.modal,
      levels,
      sustained: { requests: 1_000, concurrency: 20, ...sustained },
      p2028: (log.match(/P2028/g) ?? []).length,
      peakRssMb: bot.peakRssMb(),
      ...machine(),
    })}\n`,
  );
} finally {
  await bare.destroy();
  await bot.stop();
  await botFake.close();
  await bareFake.close();
}
