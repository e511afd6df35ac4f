// Bulk fixtures for the replica and crash tests and the benchmarks: members to message, owed
// messages and due jobs, written the way features write them. (No vitest imports: bench/ uses it.)
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/client.js';
import type { Cipher } from '../../src/db/cipher.js';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { createOutboxWriter } from '../../src/jobs/outbox-writer.js';
import { Vault } from '../../src/db/vault.js';
import type { Clock } from '../../src/core/clock.js';
import type { Message } from '../../src/core/message.js';

/** Members each linked on Slack or Discord (alternately), then one direct message owed to each. */
export async function oweDirectMessages(
  db: Db,
  clock: Clock,
  cipher: Cipher,
  count: number,
  message = (i: number): Message => ({ text: `Owed message ${i}` }),
): Promise<string[]> {
  const members = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    displayName: `Mentor ${i}`,
    roles: ['mentor' as const],
  }));
  await db.member.createMany({ data: members });
  await db.memberIdentity.createMany({
    data: members.map((m, i) => ({
      id: randomUUID(),
      memberId: m.id,
      platform: i % 2 ? ('discord' as const) : ('slack' as const),
      platformUserId: `${i % 2 ? 'D' : 'U'}${m.id.slice(0, 8)}`,
    })),
  });
  const writer = createOutboxWriter({ vault: new Vault(cipher), clock }, () => []);
  for (let start = 0; start < count; start += 100) {
    await db.$transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + 100); i++)
        await writer.enqueue(tx, { to: 'member', memberId: members[i]!.id, message: message(i) });
    });
  }
  return members.map((m) => m.id);
}

export async function enqueueDueJobs(db: Db, clock: Clock, count: number, kind = 'test.count'): Promise<void> {
  for (let start = 0; start < count; start += 250) {
    await db.$transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + 250); i++)
        await enqueueJob(tx, { kind, dueAt: new Date(clock.now().getTime() - 1_000), payload: { n: i } });
    });
  }
}

export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  ms = 60_000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
