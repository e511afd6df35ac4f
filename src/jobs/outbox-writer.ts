// Owed messages become outbox rows in the caller's transaction: one row per platform the recipient
// can be reached on, sealed, because a direct message may carry sensitive details.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client.js';
import type { Deps, OutboxWriter, OwedReply } from '../core/deps.js';
import type { Platform } from '../core/roles.js';

export function createOutboxWriter(deps: Pick<Deps, 'cipher' | 'clock'>, channelPlatforms: () => Platform[]): OutboxWriter {
  return {
    async enqueue(tx: Tx, reply: OwedReply) {
      const now = deps.clock.now();
      const platforms =
        reply.to === 'member'
          ? (await tx.memberIdentity.findMany({ where: { memberId: reply.memberId, member: { status: { not: 'left' } } }, select: { platform: true } })).map((i) => i.platform)
          : channelPlatforms();
      const logicalKey = reply.key ?? randomUUID();
      for (const platform of new Set(platforms)) {
        const id = randomUUID();
        await tx.outboxMessage.create({
          data: {
            id,
            createdAt: now,
            platform,
            recipientMemberId: reply.to === 'member' ? reply.memberId : null,
            channel: reply.to === 'channel' ? reply.channel : null,
            messageEnc: deps.cipher.seal(JSON.stringify(reply.message), { table: 'OutboxMessage', column: 'messageEnc', rowId: id }),
            logicalKey,
            priority: reply.message.tone === 'urgent' ? 10 : 0,
            nextAttemptAt: now,
          },
        });
      }
    },
  };
}
