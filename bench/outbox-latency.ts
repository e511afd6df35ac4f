// How soon an urgent message reaches the fake platform after its transaction commits, while a
// backlog of 1,000 ordinary messages is being delivered (the platform takes 50 ms over each
// ordinary post, so the backlog lasts the whole run). One replica process; 50 urgent messages,
// one every 100 ms. Prints one JSON line. `npm run bench:outbox-latency`
import { randomUUID } from 'node:crypto';
import { systemClock } from '../src/core/clock.js';
import { createOutboxWriter } from '../src/jobs/outbox-writer.js';
import { Vault } from '../src/db/vault.js';
import { oweDirectMessages, waitFor } from '../test/jobs/owed-work.js';
import { spawnOutboxWorker } from '../test/helpers/outbox-worker-process.js';
import { startRecorder } from '../test/helpers/recording-surface.js';
import { percentile, startBenchDatabase } from './outbox-harness.js';

const BACKLOG = Number(process.env.BACKLOG ?? 1_000);
const URGENT = Number(process.env.URGENT ?? 50);

const bench = await startBenchDatabase();
const recorder = await startRecorder({ latencyMs: Number(process.env.PLATFORM_LATENCY_MS ?? 50) });
try {
  await oweDirectMessages(bench.db, systemClock, bench.cipher, BACKLOG);
  const [duty] = await oweDirectMessages(bench.db, systemClock, bench.cipher, 1);
  await bench.db.outboxMessage.deleteMany({ where: { recipientMemberId: duty } });
  const worker = spawnOutboxWorker({ DATABASE_URL: bench.url, DATA_KEYS: bench.dataKeys, RECORDER_URL: recorder.url });
  await worker.waitFor('ready');
  await waitFor(() => recorder.posted.length >= 20, 60_000, 'the backlog moving');
  const writer = createOutboxWriter({ vault: new Vault(bench.cipher), clock: systemClock }, () => []);
  const committedAt = new Map<string, number>();
  const backlogAtCommit: number[] = [];
  for (let i = 0; i < URGENT; i++) {
    const text = `P1 escalation ${randomUUID()}`;
    await bench.db.$transaction((tx) =>
      writer.enqueue(tx, { to: 'member', memberId: duty!, message: { text, tone: 'urgent' } }),
    );
    committedAt.set(text, Date.now());
    backlogAtCommit.push(
      await bench.db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] }, priority: 0 } }),
    );
    await new Promise((r) => setTimeout(r, 100));
  }
  await waitFor(
    () => [...committedAt.keys()].every((text) => recorder.posted.some((p) => p.message.text === text)),
    60_000,
    'every urgent message delivered',
  );
  await worker.kill('SIGTERM');
  const latencies = [...committedAt]
    .map(([text, at]) => Math.max(0, recorder.posted.find((p) => p.message.text === text)!.at - at))
    .sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'outbox-urgent-latency',
      backlog: BACKLOG,
      urgentMessages: URGENT,
      ordinaryPlatformLatencyMs: recorder.latencyMs,
      backlogAtCommitMin: Math.min(...backlogAtCommit),
      backlogAtCommitMax: Math.max(...backlogAtCommit),
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1),
    })}\n`,
  );
} finally {
  await recorder.close();
  await bench.stop();
}
