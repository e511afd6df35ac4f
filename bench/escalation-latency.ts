// Raise to first notification: how soon after /escalate's form is submitted the duty coordinator's
// direct message reaches the (fake) platform, through the real router, outbox writer and dispatcher
// (src/jobs/background.ts), while a backlog of 1,000 ordinary owed messages is being delivered (the
// fake platform takes 50 ms over each ordinary post; the backlog is topped up to 1,000 before each
// raise). One process, embedded PostgreSQL. Prints one JSON line. `npm run bench:escalation`
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { catalogue } from '../commands/index.js';
import { configSchema } from '../src/config.js';
import { systemClock } from '../src/core/clock.js';
import type { Deps } from '../src/core/deps.js';
import type { Platform } from '../src/core/roles.js';
import { Router } from '../src/core/router.js';
import type { Surface } from '../src/core/surface.js';
import { Vault } from '../src/db/vault.js';
import { registerFeatures } from '../src/features/index.js';
import { createBackground, type Background } from '../src/jobs/background.js';
import { createOutboxWriter } from '../src/jobs/outbox-writer.js';
import { oweDirectMessages, waitFor } from '../test/jobs/owed-work.js';
import { createRecordingSurface, type RecordingSurface } from '../test/helpers/recording-surface.js';
import { percentile, startBenchDatabase } from './outbox-harness.js';

const BACKLOG = Number(process.env.BACKLOG ?? 1_000);
const RAISES = Number(process.env.RAISES ?? 100);
const PLATFORM_LATENCY_MS = Number(process.env.PLATFORM_LATENCY_MS ?? 50);

/** A recording surface that takes PLATFORM_LATENCY_MS over every ordinary (non-urgent) post. */
function slowPlatform(platform: Platform): RecordingSurface {
  const surface = createRecordingSurface(platform);
  const deliver = surface.deliver.bind(surface);
  surface.deliver = async (delivery) => {
    if (delivery.message.tone !== 'urgent') await new Promise((r) => setTimeout(r, PLATFORM_LATENCY_MS));
    return deliver(delivery);
  };
  return surface;
}

const bench = await startBenchDatabase();
let background: Background | undefined;
try {
  const deps: Deps = {
    config: configSchema.parse({ LOG_LEVEL: 'silent', DATA_KEYS: bench.dataKeys, DATABASE_URL: bench.url, SLACK_COORDINATORS_CHANNEL: 'C0COORD', DISCORD_COORDINATORS_CHANNEL: '900000000000000001' }),
    db: bench.db,
    cipher: bench.cipher,
    vault: new Vault(bench.cipher),
    clock: systemClock,
    log: pino({ level: 'silent' }),
    outbox: undefined as unknown as Deps['outbox'],
  };
  const surfaces: Surface[] = [slowPlatform('slack'), slowPlatform('discord')];
  const slack = surfaces[0] as RecordingSurface;
  deps.outbox = createOutboxWriter(deps, () => ['slack', 'discord'], () => background?.nudge());
  const router = new Router(deps, catalogue);
  registerFeatures(router);
  router.verify();

  // The people: a reporting mentor and a duty coordinator on the rota around the clock.
  const join = async (platformUserId: string, displayName: string, roles: ('mentor' | 'coordinator')[]) => {
    const user = { platform: 'slack' as const, platformUserId, displayName };
    await router.dispatch({ kind: 'command', id: randomUUID(), user, command: 'help', options: {} });
    const member = await bench.db.member.findFirstOrThrow({ where: { identities: { some: { platformUserId } } } });
    await bench.db.member.update({ where: { id: member.id }, data: { roles } });
    return { user, id: member.id };
  };
  const alex = await join('U0ALEX', 'Alex', ['mentor']);
  const sam = await join('U0SAM', 'Sam', ['coordinator']);
  for (let weekday = 1; weekday <= 7; weekday++) {
    await bench.db.rotaPattern.create({ data: { id: randomUUID(), weekday, startMinute: 0, endMinute: 1440, position: 'primary', coordinatorId: sam.id } });
  }
  await bench.db.outboxMessage.deleteMany({});

  await oweDirectMessages(bench.db, systemClock, bench.cipher, BACKLOG);
  background = createBackground(deps, bench.url, () => surfaces);
  await background.start();
  await waitFor(() => slack.posted.length >= 10, 60_000, 'the backlog moving');

  const latencies: number[] = [];
  const committed: number[] = [];
  const backlogAtRaise: number[] = [];
  const ordinaryOwed = () => bench.db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] }, priority: 0 } });
  for (let i = 0; i < RAISES; i++) {
    // Keep the backlog at BACKLOG ordinary messages at each raise (topped up outside the measurement).
    const owed = await ordinaryOwed();
    if (owed < BACKLOG) await oweDirectMessages(bench.db, systemClock, bench.cipher, BACKLOG - owed);
    backlogAtRaise.push(await ordinaryOwed());
    const started = Date.now();
    await router.dispatch({
      kind: 'submit',
      id: randomUUID(),
      user: alex.user,
      formId: 'escalate',
      values: { category: 'suicide_self_harm', caseCode: 'MS-0042', details: 'Synthetic benchmark details', clientTold: 'not_yet', actionsTaken: ['nothing_yet'] },
      context: {},
    });
    committed.push(Date.now() - started);
    const row = await bench.db.escalation.findFirstOrThrow({ orderBy: { number: 'desc' }, select: { number: true } });
    const title = `P1 escalation #${row.number}: please acknowledge`;
    const seen = () => slack.posted.find((p) => p.target.kind === 'dm' && p.target.platformUserId === 'U0SAM' && p.message.title === title);
    await waitFor(() => Boolean(seen()), 30_000, `escalation #${row.number} delivered`);
    latencies.push(seen()!.at - started);
    await new Promise((r) => setTimeout(r, 50));
  }
  latencies.sort((a, b) => a - b);
  committed.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'escalation-raise-to-first-notification',
      backlog: BACKLOG,
      raises: RAISES,
      ordinaryPlatformLatencyMs: PLATFORM_LATENCY_MS,
      backlogAtRaiseMin: Math.min(...backlogAtRaise),
      backlogAtRaiseMax: Math.max(...backlogAtRaise),
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1),
      raiseCommittedP50Ms: percentile(committed, 50),
      raiseCommittedP99Ms: percentile(committed, 99),
    })}\n`,
  );
} finally {
  await background?.stop();
  await bench.stop();
}
