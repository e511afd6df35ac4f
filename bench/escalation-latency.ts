// Raise to first notification: how soon after /escalate's form is submitted the duty coordinator's
// direct message reaches the (fake) platform, through the real router, outbox writer and dispatcher
// (src/jobs/background.ts), while a backlog of 1,000 ordinary owed messages is being delivered (the
// fake platform takes 50 ms over each ordinary post; the backlog is topped up to 1,000 before each
// raise). The duty coordinator has a verified e-mail address and SMS number, both paged at once: the
// pages go to a local SMTP sink (STARTTLS) and a local webhook receiver, and the time from raise to
// each arriving is reported beside the chat figure, with the machine's load average.
// One process, embedded PostgreSQL. Prints one JSON line. `npm run bench:escalation`
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pino from 'pino';
import { catalogue } from '../commands/index.js';
import { configSchema } from '../src/config.js';
import { systemClock } from '../src/core/clock.js';
import type { Deps } from '../src/core/deps.js';
import type { Platform } from '../src/core/roles.js';
import { Router } from '../src/core/router.js';
import type { Surface } from '../src/core/surface.js';
import { Vault } from '../src/db/vault.js';
import { features } from '../src/features/index.js';
import { installFeatures, jobRegistryOf } from '../src/features/install.js';
import { createBackground, type Background } from '../src/jobs/background.js';
import { createOutboxWriter } from '../src/jobs/outbox-writer.js';
import { oweDirectMessages, waitFor } from '../test/jobs/owed-work.js';
import { addressBinding } from '../src/features/members/contact.js';
import { createRecordingSurface, type RecordingSurface } from '../test/helpers/recording-surface.js';
import { startSmtpSink, TEST_CA_FILE } from '../test/helpers/smtp-sink.js';
import { startWebhookReceiver } from '../test/helpers/webhook-receiver.js';
import { percentile, startBenchDatabase } from './outbox-harness.js';
import { IdentityCache } from '../src/core/identity-cache.js';
import { SettingsCache } from '../src/core/settings-cache.js';

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

/** The backlog, written 20 at a time (a busy machine cannot write 100 within a transaction's 5 s). */
async function oweBacklog(
  db: Parameters<typeof oweDirectMessages>[0],
  cipher: Parameters<typeof oweDirectMessages>[2],
  count: number,
): Promise<void> {
  for (let left = count; left > 0; left -= 20) await oweDirectMessages(db, systemClock, cipher, Math.min(20, left));
}

const bench = await startBenchDatabase();
const [smtp, hook] = await Promise.all([startSmtpSink({ mode: 'starttls' }), startWebhookReceiver()]);
let background: Background | undefined;
try {
  const vault = new Vault(bench.cipher);
  const deps: Deps = {
    config: configSchema.parse({
      LOG_LEVEL: 'silent',
      DATA_KEYS: bench.dataKeys,
      DATABASE_URL: bench.url,
      SLACK_COORDINATORS_CHANNEL: 'C0COORD',
      DISCORD_COORDINATORS_CHANNEL: '900000000000000001',
      ALERT_SMTP_URL: smtp.url,
      ALERT_TLS_CA_FILE: TEST_CA_FILE,
      ALERT_EMAIL_TO: 'duty@bench.example',
      ALERT_WEBHOOK_URL: hook.url,
      ALERT_WEBHOOK_SECRET: 'bench-only-webhook-secret-0123456789',
      PUBLIC_URL: 'https://bench.example',
    }),
    db: bench.db,
    cipher: bench.cipher,
    vault,
    clock: systemClock,
    log: pino({ level: 'silent' }),
    outbox: createOutboxWriter(
      { vault, clock: systemClock },
      () => ['slack', 'discord'],
      () => background?.nudge(),
    ),
    jobs: jobRegistryOf(features),
    settings: new SettingsCache(),
    identities: new IdentityCache(),
  };
  const surfaces: Surface[] = [slowPlatform('slack'), slowPlatform('discord')];
  const slack = surfaces[0] as RecordingSurface;
  const router = new Router(deps, catalogue);
  installFeatures(router, features);
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
    await bench.db.rotaPattern.create({
      data: { id: randomUUID(), weekday, startMinute: 0, endMinute: 1440, position: 'primary', coordinatorId: sam.id },
    });
  }
  for (const [kind, address] of [
    ['email', 'sam@bench.example'],
    ['sms', '+447700900001'],
  ] as const) {
    const id = randomUUID();
    const addressEnc = await deps.vault.seal(bench.db, address, addressBinding(id), { kind: 'member', id: sam.id });
    await bench.db.contactMethod.create({
      data: { id, memberId: sam.id, kind, addressEnc, delayMinutes: 0, verifiedAt: new Date(), createdAt: new Date() },
    });
  }
  await bench.db.outboxMessage.deleteMany({});

  await oweBacklog(bench.db, bench.cipher, BACKLOG);
  background = createBackground(deps, bench.url, () => surfaces);
  await background.start();
  await waitFor(() => slack.posted.length >= 10, 60_000, 'the backlog moving');

  const latencies: number[] = [];
  const emailed: number[] = [];
  const texted: number[] = [];
  const committed: number[] = [];
  const backlogAtRaise: number[] = [];
  const ordinaryOwed = () =>
    bench.db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] }, priority: 0 } });
  for (let i = 0; i < RAISES; i++) {
    // Keep the backlog at BACKLOG ordinary messages at each raise (topped up outside the measurement).
    const owed = await ordinaryOwed();
    if (owed < BACKLOG) await oweBacklog(bench.db, bench.cipher, BACKLOG - owed);
    backlogAtRaise.push(await ordinaryOwed());
    const started = Date.now();
    await router.dispatch({
      kind: 'submit',
      id: randomUUID(),
      user: alex.user,
      formId: 'escalate',
      values: {
        category: 'suicide_self_harm',
        caseCode: 'MS-0042',
        details: 'Synthetic benchmark details',
        clientTold: 'not_yet',
        actionsTaken: ['nothing_yet'],
      },
      context: {},
    });
    committed.push(Date.now() - started);
    const row = await bench.db.escalation.findFirstOrThrow({ orderBy: { number: 'desc' }, select: { number: true } });
    const title = `P1 escalation #${row.number}: please acknowledge`;
    const seen = () =>
      slack.posted.find(
        (p) => p.target.kind === 'dm' && p.target.platformUserId === 'U0SAM' && p.message.title === title,
      );
    await waitFor(() => Boolean(seen()), 30_000, `escalation #${row.number} delivered`);
    latencies.push(seen()!.at - started);
    // The personal pages out of chat (the runner's next tick, at most a second later, claims them).
    const mailFor = () => smtp.mails.some((m) => m.to[0] === 'sam@bench.example' && m.data.includes(title));
    const textFor = () => hook.bodies.some((b) => b.includes('+447700900001') && b.includes(`#${row.number}:`));
    await Promise.all([
      waitFor(mailFor, 30_000, `escalation #${row.number} e-mailed`).then(() => emailed.push(Date.now() - started)),
      waitFor(textFor, 30_000, `escalation #${row.number} texted`).then(() => texted.push(Date.now() - started)),
    ]);
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const list of [latencies, committed, emailed, texted]) list.sort((a, b) => a - b);
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
      outOfChat:
        'personal e-mail to a local SMTP sink (STARTTLS) and SMS to a local webhook receiver, both delay 0; shared ALERT_EMAIL_TO and webhook too',
      emailP50Ms: percentile(emailed, 50),
      emailP99Ms: percentile(emailed, 99),
      smsP50Ms: percentile(texted, 50),
      smsP99Ms: percentile(texted, 99),
      loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
    })}\n`,
  );
} finally {
  await background?.stop();
  await bench.stop();
  await Promise.all([smtp.close(), hook.close()]);
}
