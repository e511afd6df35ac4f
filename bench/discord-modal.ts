// How long /debrief takes from INTERACTION_CREATE to its modal callback on the Discord surface,
// with the real client, router and an embedded PostgreSQL (the fake Discord on 127.0.0.1). A modal
// must be the first response within Discord's 3 s, after the router's and the draft's database
// work; the surface defers (and offers a button) after 2 s. Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startApp } from '../src/app.js';
import { configSchema } from '../src/config.js';
import { discordUser, slashCommand } from '../test/helpers/discord-payloads.js';
import { startFakeDiscord } from '../test/helpers/fake-discord.js';

const RUNS = Number(process.env.RUNS ?? 100);

function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

const dir = mkdtempSync(path.join(tmpdir(), 'msb-bench-'));
const fake = await startFakeDiscord();
const config = configSchema.parse({
  DATA_DIR: dir,
  DATA_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`,
  PORT: '0',
  LOG_LEVEL: 'silent',
  SURFACES: 'discord',
  DISCORD_TOKEN: fake.token,
  DISCORD_APPLICATION_ID: fake.applicationId,
  DISCORD_API_URL: fake.url,
});
const app = await startApp(config, { log: pino({ level: 'silent' }) });
const where = { applicationId: fake.applicationId };
try {
  const firstContact: number[] = [];
  const returning: number[] = [];
  let deferred = 0;
  const regular = discordUser('bench_regular');
  for (let i = 0; i < RUNS; i++) {
    for (const [user, times] of [
      [discordUser(`bench_${i}`), firstContact],
      [regular, returning],
    ] as const) {
      const started = performance.now();
      const shown = await fake.interact(slashCommand(user, where, 'debrief'));
      times.push(performance.now() - started);
      if (shown.kind !== 'modal') deferred++;
    }
  }
  console.log(JSON.stringify({ bench: 'discord-modal', runs: RUNS, firstContactMs: summary(firstContact), returningMs: summary(returning), deferred }));
} finally {
  await app.stop();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}
