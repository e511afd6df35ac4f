// Two bot replicas (real processes) on one database with 1,000 due jobs and 1,000 owed messages:
// how long until all is done, and whether anything ran or arrived twice (counted at the fake
// platform). Prints one JSON line. `npm run bench:outbox`
import { systemClock } from '../src/core/clock.js';
import { enqueueDueJobs, oweDirectMessages, waitFor } from '../test/jobs/owed-work.js';
import { spawnOutboxWorker } from '../test/helpers/outbox-worker-process.js';
import { startRecorder } from '../test/helpers/recording-surface.js';
import { startBenchDatabase } from './outbox-harness.js';

const JOBS = Number(process.env.JOBS ?? 1_000);
const MESSAGES = Number(process.env.MESSAGES ?? 1_000);
const REPLICAS = Number(process.env.REPLICAS ?? 2);

const bench = await startBenchDatabase();
const recorder = await startRecorder({ latencyMs: Number(process.env.PLATFORM_LATENCY_MS ?? 0) });
try {
  await enqueueDueJobs(bench.db, systemClock, JOBS);
  await oweDirectMessages(bench.db, systemClock, bench.cipher, MESSAGES);
  const env = { DATABASE_URL: bench.url, DATA_KEYS: bench.dataKeys, RECORDER_URL: recorder.url, JOBS: '1' };
  const replicas = Array.from({ length: REPLICAS }, () => spawnOutboxWorker(env));
  await Promise.all(replicas.map((r) => r.waitFor('ready')));
  const started = Date.now();
  let jobsDoneAt = 0;
  let messagesDoneAt = 0;
  await waitFor(
    async () => {
      if (!jobsDoneAt && (await bench.db.job.count({ where: { status: 'done' } })) === JOBS) jobsDoneAt = Date.now();
      if (!messagesDoneAt && (await bench.db.outboxMessage.count({ where: { status: 'sent' } })) === MESSAGES)
        messagesDoneAt = Date.now();
      return Boolean(jobsDoneAt && messagesDoneAt);
    },
    300_000,
    'all work done',
  );
  await Promise.all(replicas.map((r) => r.kill('SIGTERM')));
  const runs = await bench.db.$queryRaw<
    { runs: bigint }[]
  >`SELECT count(*) AS runs FROM "Event" WHERE "kind" = 'test.ran' GROUP BY "subjectId"`;
  const posted = recorder.posted.map((p) => p.outboxId);
  const byReplica: Record<string, number> = {};
  for (const p of recorder.posted) byReplica[String(p.by)] = (byReplica[String(p.by)] ?? 0) + 1;
  process.stdout.write(
    `${JSON.stringify({
      bench: 'outbox-replicas',
      replicas: REPLICAS,
      jobs: JOBS,
      messages: MESSAGES,
      jobsRun: runs.length,
      jobsRunTwice: runs.filter((r) => r.runs > 1n).length,
      jobHandlerCalls: recorder.jobCalls.length,
      delivered: new Set(posted).size,
      duplicates: posted.length - new Set(posted).size,
      deliveredPerReplica: Object.values(byReplica),
      jobsSeconds: (jobsDoneAt - started) / 1000,
      messagesSeconds: (messagesDoneAt - started) / 1000,
      totalSeconds: (Math.max(jobsDoneAt, messagesDoneAt) - started) / 1000,
    })}\n`,
  );
} finally {
  await recorder.close();
  await bench.stop();
}
