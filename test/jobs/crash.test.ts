// A replica killed with SIGKILL mid-delivery (between claim and send, between send and record, or at
// a random moment), then restarted: every owed message reaches the fake platform, none twice. The
// fake platform keeps no idempotency key (like Slack); the surface looks for a message whose outcome
// is unknown before sending it again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { createDb, type Db } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { Cipher } from '../../src/db/cipher.js';
import { Vault } from '../../src/db/vault.js';
import { TEST_DATA_KEYS, TEST_KEY } from '../helpers/deps.js';
import { spawnOutboxWorker } from '../helpers/outbox-worker-process.js';
import { startRecorder, type Recorder } from '../helpers/recording-surface.js';
import { oweDirectMessages, waitFor } from './owed-work.js';

let database: TestDatabase;
let db: Db;
let recorder: Recorder;
const cipher = new Cipher([{ id: 'test', key: TEST_KEY }]);

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url);
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});
beforeEach(async () => {
  await recorder?.close();
  recorder = await startRecorder();
  await db.outboxMessage.deleteMany();
});

const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: database.url,
  DATA_KEYS: TEST_DATA_KEYS,
  RECORDER_URL: recorder.url,
  LEASE_MS: '1500',
  ...extra,
});

async function restartAndFinish(count: number): Promise<void> {
  const again = spawnOutboxWorker(env());
  try {
    await waitFor(
      async () => (await db.outboxMessage.count({ where: { status: 'sent' } })) === count,
      60_000,
      'every owed message sent',
    );
  } finally {
    await again.kill('SIGTERM');
  }
}

function expectEachPostedOnce(count: number): void {
  const ids = recorder.posted.map((p) => p.outboxId);
  expect(ids).toHaveLength(count);
  expect(new Set(ids).size).toBe(count);
}

describe('SIGKILL mid-delivery, then restart', () => {
  it('between send and record: the platform has it, the row does not know; it is not sent again', async () => {
    await oweDirectMessages(db, systemClock, cipher, 12);
    const worker = spawnOutboxWorker(env({ HANG: 'after-send:5', CONCURRENCY: '1' }));
    await worker.waitFor('hanging');
    await worker.kill('SIGKILL');
    const stuck = await db.outboxMessage.findMany({ where: { status: 'sending' } });
    expect(stuck).toHaveLength(1);
    expect(recorder.postsOf(stuck[0]!.id)).toBe(1);
    await restartAndFinish(12);
    expectEachPostedOnce(12);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: stuck[0]!.id } });
    expect(row).toMatchObject({ status: 'sent', attempts: 2, outcomeUnknown: true });
  }, 90_000);

  it('between claim and send: claimed, never sent; it is sent once after the lease runs out', async () => {
    await oweDirectMessages(db, systemClock, cipher, 12);
    const worker = spawnOutboxWorker(env({ HANG: 'before-send:5', CONCURRENCY: '1' }));
    await worker.waitFor('hanging');
    await worker.kill('SIGKILL');
    const stuck = await db.outboxMessage.findMany({ where: { status: 'sending' } });
    expect(stuck).toHaveLength(1);
    expect(recorder.postsOf(stuck[0]!.id)).toBe(0);
    await restartAndFinish(12);
    expectEachPostedOnce(12);
  }, 90_000);

  it('at random moments, three times over, with several deliveries in flight', async () => {
    await oweDirectMessages(db, systemClock, cipher, 60);
    recorder.latencyMs = 40;
    for (let round = 0; round < 3; round++) {
      const worker = spawnOutboxWorker(env({ CONCURRENCY: '4' }));
      await worker.waitFor('ready');
      await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 250)));
      await worker.kill('SIGKILL');
    }
    recorder.latencyMs = 0;
    await restartAndFinish(60);
    expectEachPostedOnce(60);
  }, 120_000);
});

describe('SIGKILL between send and record, through the real Slack surface', () => {
  it('the fake Slack (no idempotency keys) sees each owed message once after the restart', async () => {
    const { startFakeSlack } = await import('../helpers/fake-slack.js');
    const { createOutboxWriter } = await import('../../src/jobs/outbox-writer.js');
    const { randomUUID } = await import('node:crypto');
    const fake = await startFakeSlack();
    try {
      const members = Array.from({ length: 8 }, (_, i) => ({
        id: randomUUID(),
        displayName: `Slack mentor ${i}`,
        roles: ['mentor' as const],
      }));
      await db.member.createMany({ data: members });
      await db.memberIdentity.createMany({
        data: members.map((m) => ({
          id: randomUUID(),
          memberId: m.id,
          platform: 'slack' as const,
          platformUserId: `U${m.id.slice(0, 8).toUpperCase()}`,
        })),
      });
      const writer = createOutboxWriter({ vault: new Vault(cipher), clock: systemClock }, () => []);
      await db.$transaction(async (tx) => {
        for (const [i, m] of members.entries())
          await writer.enqueue(tx, { to: 'member', memberId: m.id, message: { text: `Owed message ${i}` } });
      });
      const slackEnv = env({ PLATFORMS: 'slack', SLACK_API_URL: fake.url, CONCURRENCY: '1' });
      const worker = spawnOutboxWorker({ ...slackEnv, HANG: 'after-send:3' });
      await worker.waitFor('hanging');
      await worker.kill('SIGKILL');
      const [stuck] = await db.outboxMessage.findMany({ where: { status: 'sending' } });
      expect(stuck).toBeDefined();
      const again = spawnOutboxWorker(slackEnv);
      try {
        await waitFor(
          async () => (await db.outboxMessage.count({ where: { status: 'sent' } })) === members.length,
          60_000,
          'every owed message sent',
        );
      } finally {
        await again.kill('SIGTERM');
      }
      const outboxIds = fake.calls
        .filter((c) => c.method === 'chat.postMessage')
        .map((c) => JSON.stringify(c.body.metadata ?? ''))
        .filter(Boolean);
      expect(outboxIds).toHaveLength(members.length);
      expect(new Set(outboxIds).size).toBe(members.length);
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: stuck!.id } })).toMatchObject({
        status: 'sent',
        outcomeUnknown: true,
      });
      expect(fake.calls.some((c) => c.method === 'conversations.history')).toBe(true);
    } finally {
      await fake.close();
    }
  }, 120_000);
});
