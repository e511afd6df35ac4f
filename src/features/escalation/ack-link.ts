// Acknowledge from the phone: a personal link (PUBLIC_URL/ack/<token>) put in the e-mail or text
// that pages one person. The token is 256 random bits, kept only as its SHA-256, bound to that
// person, that escalation and its paging epoch, single-use, and dead once the escalation is
// acknowledged or resolved (every link then says who has it) or at its expiry. Pressing the page's
// button acknowledges through acknowledgeEscalation, so it stops paging exactly like a chat ack.
import type { Deps } from '../../core/deps.js';
import type { Message } from '../../core/message.js';
import type { UseCaseContext } from '../../core/router.js';
import { shortWhen } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import { hashUrlToken, isUrlTokenShape, newUrlToken, publicLink } from '../../web/index.js';
import { acknowledgeEscalation } from './acknowledge.js';
import { nameOf, summaryOf } from './record.js';

export const ACK_LINK_PATH = '/ack/:token';

export interface AckLinkInput {
  escalationId: string;
  /** The person being paged: only they can use it. */
  memberId: string;
  /** The escalation's epoch when the page was composed; the link is dead once it moves. */
  epoch: number;
  expiresAt: Date;
}

/** Stores a new link for one person and returns its full URL (built from PUBLIC_URL). Call it in the transaction that composes the page. */
export async function createAckLink(
  tx: Tx,
  deps: Pick<Deps, 'config' | 'clock'>,
  input: AckLinkInput,
): Promise<string> {
  const token = newUrlToken();
  await tx.escalationAckLink.create({
    data: {
      tokenHash: hashUrlToken(token),
      escalationId: input.escalationId,
      memberId: input.memberId,
      epoch: input.epoch,
      expiresAt: input.expiresAt,
      createdAt: deps.clock.now(),
    },
  });
  return publicLink(deps.config, `/ack/${token}`);
}

/** What a link leads to now; only `open` may be acknowledged. */
export type AckLinkState =
  | { state: 'unknown' }
  | { state: 'not_yours'; number: number }
  | { state: 'done'; number: number; status: 'acknowledged' | 'in_progress' | 'resolved'; by?: string; at?: string }
  | { state: 'expired'; number: number }
  | {
      state: 'open';
      number: number;
      tier: string;
      reporterName: string;
      memberId: string;
      memberName: string;
      escalationId: string;
      tokenHash: string;
    };

/** Reads the link and its escalation (locking the escalation when `lock`, for the POST). Changes nothing. */
export async function inspectAckLink(
  tx: Tx,
  deps: Deps,
  token: string,
  now: Date,
  options: { lock?: boolean } = {},
): Promise<AckLinkState> {
  if (!isUrlTokenShape(token)) return { state: 'unknown' };
  const tokenHash = hashUrlToken(token);
  const link = await tx.escalationAckLink.findUnique({ where: { tokenHash } });
  if (!link) return { state: 'unknown' };
  if (options.lock)
    await tx.$queryRaw`SELECT "id" FROM "Escalation" WHERE "id" = ${link.escalationId}::uuid FOR UPDATE`;
  const row = await tx.escalation.findUnique({ where: { id: link.escalationId } });
  if (!row) return { state: 'unknown' };
  const summary = await summaryOf(tx, deps, row);
  if (row.status !== 'open') {
    return {
      state: 'done',
      number: row.number,
      status: row.status,
      by: await nameOf(tx, row.acknowledgedById),
      at: row.acknowledgedAt ? shortWhen(row.acknowledgedAt, summary.zone) : undefined,
    };
  }
  const member = await tx.member.findUnique({
    where: { id: link.memberId },
    select: { displayName: true, roles: true, status: true },
  });
  // Reporters are never paged, so their link never exists; guarded anyway, like the chat button.
  if (!member || link.memberId === row.reporterId || member.status === 'left' || !member.roles.includes('coordinator'))
    return { state: 'not_yours', number: row.number };
  if (link.usedAt || link.expiresAt <= now || link.epoch !== row.epoch) return { state: 'expired', number: row.number };
  return {
    state: 'open',
    number: row.number,
    tier: row.tier,
    reporterName: summary.reporterName,
    memberId: link.memberId,
    memberName: member.displayName,
    escalationId: row.id,
    tokenHash,
  };
}

/**
 * Acknowledges as the link's person, once: the escalation is locked, the link checked and marked
 * used, then the shared acknowledgement runs (epoch moves, pending steps stop) and the messages it
 * owes go to the outbox in this transaction. Anything but an open link changes nothing.
 */
export async function acknowledgeByLink(
  ctx: UseCaseContext,
  token: string,
): Promise<{ state: AckLinkState; message?: Message }> {
  const { tx, deps, now } = ctx;
  const state = await inspectAckLink(tx, deps, token, now, { lock: true });
  if (state.state !== 'open') return { state };
  const used = await tx.escalationAckLink.updateMany({
    where: { tokenHash: state.tokenHash, usedAt: null },
    data: { usedAt: now },
  });
  if (used.count !== 1) return { state: { state: 'expired', number: state.number } };
  const { replies } = await acknowledgeEscalation(ctx, {
    by: { memberId: state.memberId, displayName: state.memberName },
    which: { id: state.escalationId, via: 'link' },
  });
  let message: Message | undefined;
  for (const reply of replies) {
    // The thank-you also goes to them in chat, where its buttons (record actions, resolve) work.
    if (reply.to === 'actor') {
      message ??= reply.message;
      await deps.outbox.enqueue(tx, { to: 'member', memberId: state.memberId, message: reply.message });
    } else await deps.outbox.enqueue(tx, reply);
  }
  return { state, message };
}
