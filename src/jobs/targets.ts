// Where an owed message goes on its row's platform: a member's account there, or the platform's id
// for a named channel (network settings in the database, with the environment as their default).
// An update goes where its original went and names the platform's message to edit.
import type { Deps } from '../core/deps.js';
import type { Platform } from '../core/roles.js';
import { channelKey, readSettings } from '../core/settings.js';
import type { Delivery } from '../core/surface.js';

export interface OutboxRow {
  id: string;
  seq: bigint;
  createdAt: Date;
  platform: Platform;
  kind: 'send' | 'update';
  recipientMemberId: string | null;
  channel: string | null;
  originalId: string | null;
  logicalKey: string | null;
  messageEnc: string;
  priority: number;
  attempts: number;
  outcomeUnknown: boolean;
  leaseToken: string;
  /** The recipient's account on this row's platform (read with the claim), for a direct message. */
  platformUserId: string | null;
  memberLeft: boolean | null;
}

export type Resolution =
  | { go: true; target: Delivery['target']; update?: Delivery['update'] }
  /** An update whose original is still on its way. */
  | { go: false; defer: true }
  | { go: false; cancel: string }
  | { go: false; fail: string };

function memberTarget(row: OutboxRow): Resolution {
  if (row.memberLeft) return { go: false, cancel: 'member_left' };
  if (!row.platformUserId) return { go: false, fail: 'no_identity_on_platform' };
  return { go: true, target: { kind: 'dm', platformUserId: row.platformUserId } };
}

export async function resolveTarget(deps: Deps, row: OutboxRow): Promise<Resolution> {
  if (row.kind === 'update') return resolveUpdate(deps, row);
  if (row.recipientMemberId) return memberTarget(row);
  const settings = await readSettings(deps.db, deps);
  const channelId = row.channel ? settings.channels[channelKey(row.channel, row.platform)] : undefined;
  if (!channelId) return { go: false, fail: 'channel_not_configured' };
  return { go: true, target: { kind: 'channel', channelId } };
}

async function resolveUpdate(deps: Deps, row: OutboxRow): Promise<Resolution> {
  const newer = await deps.db.outboxMessage.count({
    where: {
      originalId: row.originalId,
      kind: 'update',
      seq: { gt: row.seq },
      status: { in: ['pending', 'sending', 'sent'] },
    },
  });
  if (newer) return { go: false, cancel: 'superseded' };
  const original = row.originalId ? await deps.db.outboxMessage.findUnique({ where: { id: row.originalId } }) : null;
  if (original?.status === 'pending' || original?.status === 'sending') return { go: false, defer: true };
  if (original?.status !== 'sent' || !original.platformMessageId)
    return { go: false, cancel: 'original_not_delivered' };
  const update = {
    platformMessageId: original.platformMessageId,
    platformChannelId: original.platformChannelId ?? undefined,
  };
  if (row.recipientMemberId) {
    const member = memberTarget(row);
    return member.go ? { ...member, update } : member;
  }
  if (!original.platformChannelId) return { go: false, cancel: 'original_not_delivered' };
  return { go: true, target: { kind: 'channel', channelId: original.platformChannelId }, update };
}
