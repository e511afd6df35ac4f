// Two bot replicas as real processes on one database: every job runs once and every message is
// delivered once, counted at the fake platform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { createDb, type Db } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { Cipher } from '../../src/db/cipher.js';
import { TEST_DATA_KEYS, TEST_KEY } from '../helpers/deps.js';
import { spawnOutboxWorker } from '../helpers/outbox-worker-process.js';
import { startRecorder, type Recorder } from '../helpers/recording-surface.js';
import { enqueueDueJobs, oweDirectMessages, waitFor } from './owed-work.js';

let database: TestDatabase;
let db: Db;
let recorder: Recorder;
const cipher = new Cipher([{ id: 'test', key: TEST_KEY }]);

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url);
  recorder = await startRecorder();
});
afterAll(async () => {
  await recorder.close();
  await db.$disconnect();
  await database.drop();
});

describe('two replicas', () => {
  it('run each of 1,000 due jobs once and deliver each of 1,000 owed messages once', async () => {
    await enqueueDueJobs(db, systemClock, 1_000);
    await oweDirectMessages(db, systemClock, cipher, 1_000);
    const env = { DATABASE_URL: database.url, DATA_KEYS: TEST_DATA_KEYS, RECORDER_URL: recorder.url, JOBS: '1' };
    const replicas = [spawnOutboxWorker(env), spawnOutboxWorker(env)];
    try {
      await Promise.all(replicas.map((r) => r.waitFor('ready')));
      await waitFor(
        async () =>
          (await db.job.count({ where: { status: 'done' } })) === 1_000 &&
          (await db.outboxMessage.count({ where: { status: 'sent' } })) === 1_000,
        90_000,
        'all work done',
      );
    } finally {
      await Promise.all(replicas.map((r) => r.kill('SIGTERM')));
    }
    const ids = recorder.posted.map((p) => p.outboxId);
    expect(ids).toHaveLength(1_000);
    expect(new Set(ids).size).toBe(1_000);
    expect(new Set(recorder.posted.map((p) => p.by)).size).toBe(2);
    expect(recorder.jobCalls).toHaveLength(1_000);
    expect(new Set(recorder.jobCalls).size).toBe(1_000);
    const runs = await db.$queryRaw<
      { runs: bigint }[]
    >`SELECT count(*) AS runs FROM "Event" WHERE "kind" = 'test.ran' GROUP BY "subjectId"`;
    expect(runs).toHaveLength(1_000);
    expect(runs.every((r) => r.runs === 1n)).toBe(true);
  }, 120_000);
});
