// What the bot owes people, read back from the outbox as a recipient would see it, and the job
// runner driven by hand: the capability tests' view of "who was told what, when".
import type { Message } from '../../src/core/message.js';
import type { Deps } from '../../src/core/deps.js';
import { createJobRunner } from '../../src/jobs/runner.js';

export interface Owed {
  id: string;
  platform: string;
  recipientMemberId: string | null;
  channel: string | null;
  kind: string;
  logicalKey: string | null;
  createdAt: Date;
  message: Message;
}

/** Every owed message so far (oldest first), opened. */
export async function owedMessages(deps: Pick<Deps, 'db' | 'cipher'>): Promise<Owed[]> {
  const rows = await deps.db.outboxMessage.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((row) => ({
    id: row.id,
    platform: row.platform,
    recipientMemberId: row.recipientMemberId,
    channel: row.channel,
    kind: row.kind,
    logicalKey: row.logicalKey,
    createdAt: row.createdAt,
    message: JSON.parse(deps.cipher.open(row.messageEnc, { table: 'OutboxMessage', column: 'messageEnc', rowId: row.id })) as Message,
  }));
}

/** Runs every job due at the clock's now (as one tick of the runner would) and returns the counts. */
export async function runDueJobs(deps: Deps) {
  const runner = createJobRunner(deps);
  try {
    return await runner.tick();
  } finally {
    await runner.stop();
  }
}
