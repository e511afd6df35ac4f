// Owed messages become outbox rows in the caller's transaction: one row per platform the recipient
// can be reached on, sealed, because a direct message may carry sensitive details (under the keys of
// the subjects whose text it carries, so their erasure reaches the copy). An update becomes
// one row per earlier message it edits. The rows wake the dispatchers when the transaction commits
// (NOTIFY is delivered on commit only).
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client.js';
import type { Deps, OutboxWriter, OwedReply } from '../core/deps.js';
import type { Platform } from '../core/roles.js';

export const OUTBOX_CHANNEL = 'msb_outbox';
export const URGENT = 10;

/** Decided by the reply's own `urgent` flag, never by how its message looks. */
const priorityOf = (reply: OwedReply) => (reply.urgent === true ? URGENT : 0);

interface Row {
  platform: Platform;
  recipientMemberId: string | null;
  channel: string | null;
  logicalKey: string;
  kind: 'send' | 'update';
  originalId: string | null;
}

/** `onEnqueued` is an in-process nudge for the local dispatcher (see dispatcher.ts). */
export function createOutboxWriter(
  deps: Pick<Deps, 'vault' | 'clock'>,
  channelPlatforms: () => Platform[],
  onEnqueued?: () => void,
): OutboxWriter {
  async function rowsFor(tx: Tx, reply: OwedReply): Promise<Row[]> {
    if (reply.to === 'update') {
      const originals = await tx.outboxMessage.findMany({
        where: { logicalKey: reply.key, kind: 'send', status: { in: ['pending', 'sending', 'sent'] } },
        select: { id: true, platform: true, recipientMemberId: true, channel: true },
      });
      return originals.map((o) => ({
        platform: o.platform,
        recipientMemberId: o.recipientMemberId,
        channel: o.channel,
        logicalKey: reply.key,
        kind: 'update',
        originalId: o.id,
      }));
    }
    const logicalKey = reply.key ?? randomUUID();
    if (reply.to === 'channel') {
      return [...new Set(channelPlatforms())].map((platform) => ({
        platform,
        recipientMemberId: null,
        channel: reply.channel,
        logicalKey,
        kind: 'send',
        originalId: null,
      }));
    }
    const identities = await tx.memberIdentity.findMany({
      where: { memberId: reply.memberId, member: { status: { not: 'left' } } },
      select: { platform: true },
    });
    return [...new Set(identities.map((i) => i.platform))].map((platform) => ({
      platform,
      recipientMemberId: reply.memberId,
      channel: null,
      logicalKey,
      kind: 'send',
      originalId: null,
    }));
  }

  return {
    async enqueue(tx: Tx, reply: OwedReply) {
      const now = deps.clock.now();
      const rows = await rowsFor(tx, reply);
      for (const row of rows) {
        const id = randomUUID();
        await tx.outboxMessage.create({
          data: {
            id,
            createdAt: now,
            ...row,
            messageEnc: await deps.vault.sealLayers(
              tx,
              JSON.stringify(reply.message),
              { table: 'OutboxMessage', column: 'messageEnc', rowId: id },
              reply.subjects ?? [],
            ),
            priority: priorityOf(reply),
            nextAttemptAt: now,
          },
        });
      }
      if (!rows.length) return;
      await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, ${String(priorityOf(reply))})`;
      onEnqueued?.();
    },
  };
}
