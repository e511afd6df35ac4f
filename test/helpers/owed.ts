// What the bot owes people, read back from the outbox as a recipient would see it, and the job
// runner driven by hand: the capability tests' view of "who was told what, when".
import type { Message } from '../../src/core/message.js';
import type { Deps } from '../../src/core/deps.js';
import { ERASED } from '../../src/db/vault.js';
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

/** Every owed message so far (oldest first), opened (an erased one reads as `{ "text": "(erased)" }`). */
export async function owedMessages(deps: Pick<Deps, 'db' | 'vault'>): Promise<Owed[]> {
  const rows = await deps.db.outboxMessage.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const opened = await Promise.all(
    rows.map((row) =>
      deps.vault.openLayers(deps.db, row.messageEnc, { table: 'OutboxMessage', column: 'messageEnc', rowId: row.id }),
    ),
  );
  return rows.map((row, i) => ({
    id: row.id,
    platform: row.platform,
    recipientMemberId: row.recipientMemberId,
    channel: row.channel,
    kind: row.kind,
    logicalKey: row.logicalKey,
    createdAt: row.createdAt,
    message: (opened[i] === ERASED ? { text: ERASED } : JSON.parse(opened[i]!)) as Message,
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
