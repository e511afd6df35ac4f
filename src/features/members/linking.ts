// Linking a member's Slack and Discord accounts with a one-time code, with consent on both sides.
// The code (hashed, single use, 15 minutes, five misses then a pause) is shown on one platform and
// entered on the other. Entering it shows the account that entering joins, with Confirm and Cancel;
// once confirmed, the member who made the code is asked too, by direct message. Only when both have
// confirmed is the entering account joined, and only when its own member holds nothing anyone wrote
// (then nothing but the account moves). Otherwise nothing moves: a coordinator can merge the two.
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../../core/events.js';
import type { Message, Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import type { Platform } from '../../core/roles.js';
import type { Tx } from '../../db/client.js';
import { auditMember } from './audit.js';
import { holdsWriting, retireInto, writtenBy } from './merge.js';
import {
  issuerQuestion,
  joinPreview,
  linkCancelled,
  linkedMessage,
  linkNotPossible,
  linkRefused,
  waitingForIssuer,
} from './messages.js';
import { hashLinkCode, LINK_ATTEMPTS_PER_WINDOW, LINK_CODE_TTL_MS, newLinkCode } from './policy.js';

export type LinkSide = 'joiner' | 'issuer';

const toActor = (message: Message): Reply[] => [{ to: 'actor', message }];

async function platformsOf(tx: Tx, memberId: string): Promise<Platform[]> {
  return [
    ...new Set(
      (
        await tx.memberIdentity.findMany({
          where: { memberId },
          select: { platform: true },
          orderBy: { createdAt: 'asc' },
        })
      ).map((i) => i.platform),
    ),
  ];
}

export async function issueLinkCode(ctx: ActorContext): Promise<string> {
  await ctx.tx.linkCode.deleteMany({ where: { memberId: ctx.actor.memberId, usedAt: null } });
  const code = newLinkCode();
  await ctx.tx.linkCode.create({
    data: {
      codeHash: hashLinkCode(code),
      memberId: ctx.actor.memberId,
      platform: ctx.surface,
      expiresAt: new Date(ctx.now.getTime() + LINK_CODE_TTL_MS),
    },
  });
  await auditMember(ctx, ctx.actor.memberId, 'member.link_code_issued', { platform: ctx.surface });
  return code;
}

/** Why the entering account cannot simply join: it holds records, or it is already linked elsewhere. */
async function obstacle(tx: Tx, joinerMemberId: string): Promise<'records' | 'accounts' | undefined> {
  if (holdsWriting(await writtenBy(tx, joinerMemberId))) return 'records';
  if ((await tx.memberIdentity.count({ where: { memberId: joinerMemberId } })) > 1) return 'accounts';
  return undefined;
}

/** The code entered on the other platform: a preview to confirm, or a kind refusal. Uses the code up. */
export async function enterLinkCode(ctx: ActorContext, code: string): Promise<Reply[]> {
  const windowStart = new Date(ctx.now.getTime() - LINK_CODE_TTL_MS);
  const failures = await ctx.tx.event.count({
    where: { actorId: ctx.actor.memberId, kind: 'member.link_failed', at: { gt: windowStart } },
  });
  if (failures >= LINK_ATTEMPTS_PER_WINDOW)
    throw new Refusal(
      'Too many codes that did not match. Please wait 15 minutes and ask for a new code on your other platform.',
      'rate_limited',
    );
  const codeHash = hashLinkCode(code);
  // Locked, so the same code entered twice at once is used once.
  await ctx.tx.$queryRaw`SELECT "codeHash" FROM "LinkCode" WHERE "codeHash" = ${codeHash} FOR UPDATE`;
  const row = await ctx.tx.linkCode.findUnique({ where: { codeHash } });
  if (!row || row.usedAt || row.expiresAt <= ctx.now) {
    // Its own write: the refusal rolls the handler's transaction back, the miss must still count.
    await recordEvent(ctx.deps.db, {
      subjectKind: 'member',
      subjectId: ctx.actor.memberId,
      kind: 'member.link_failed',
      at: ctx.now,
      actorId: ctx.actor.memberId,
      surface: ctx.surface,
    });
    throw new Refusal(
      'That code did not match, or it has expired or been used. Codes work once, for 15 minutes: run /link on your other platform for a new one.',
      'not_found',
    );
  }
  if (row.platform === ctx.surface)
    throw new Refusal(`Enter the code on your other platform, not on ${ctx.surface} where it was shown.`);
  const issuer = await ctx.tx.member.findUniqueOrThrow({ where: { id: row.memberId }, include: { identities: true } });
  if (issuer.status === 'left') throw new Refusal('The account that made this code is no longer active.', 'closed');
  const used = {
    usedAt: ctx.now,
    joinerMemberId: ctx.actor.memberId,
    joinerPlatform: ctx.surface,
    joinerUserId: ctx.actor.platformUserId,
  };
  if (issuer.id === ctx.actor.memberId) {
    await ctx.tx.linkCode.update({ where: { codeHash: row.codeHash }, data: { ...used, linkedAt: ctx.now } });
    return toActor(linkedMessage(issuer.displayName, await platformsOf(ctx.tx, issuer.id)));
  }
  if (issuer.identities.some((i) => i.platform === ctx.surface)) {
    throw new Refusal(
      `${issuer.displayName} already has a ${ctx.surface} account linked. Ask a coordinator if that is wrong.`,
    );
  }
  const blocked = await obstacle(ctx.tx, ctx.actor.memberId);
  if (blocked) {
    // Used up, so a code someone was tricked into typing cannot be tried again; nothing else changes.
    await ctx.tx.linkCode.update({ where: { codeHash: row.codeHash }, data: { ...used, cancelledAt: ctx.now } });
    await auditMember(ctx, ctx.actor.memberId, 'member.link_refused', { issuerId: issuer.id, reason: blocked });
    return toActor(linkRefused(issuer.displayName, blocked));
  }
  const linkId = randomUUID();
  await ctx.tx.linkCode.update({
    where: { codeHash: row.codeHash },
    data: { ...used, linkId, confirmBy: new Date(ctx.now.getTime() + LINK_CODE_TTL_MS) },
  });
  await auditMember(ctx, ctx.actor.memberId, 'member.link_requested', {
    issuerId: issuer.id,
    linkId,
    platform: ctx.surface,
  });
  return toActor(
    joinPreview({
      linkId,
      platform: ctx.surface,
      issuerName: issuer.displayName,
      issuerSince: issuer.createdAt,
      timeZone: ctx.actor.timeZone,
    }),
  );
}

/** The link a button names, locked, once it is clear the button is this actor's to press. */
async function loadLink(ctx: ActorContext, linkId: string, side: LinkSide) {
  await ctx.tx.$queryRaw`SELECT "codeHash" FROM "LinkCode" WHERE "linkId" = ${linkId}::uuid FOR UPDATE`;
  const row = await ctx.tx.linkCode.findUnique({ where: { linkId } });
  if (!row?.joinerMemberId || !row.joinerPlatform || !row.joinerUserId || !row.confirmBy)
    throw new Refusal('That link request no longer exists. Run /link to start again.', 'not_found');
  const mine =
    side === 'joiner'
      ? row.joinerPlatform === ctx.surface && row.joinerUserId === ctx.actor.platformUserId
      : row.memberId === ctx.actor.memberId;
  if (!mine) throw new Refusal('That button belongs to the account it was sent to, so it did nothing.', 'not_owner');
  if (row.linkedAt) throw new Refusal('These accounts are already linked.', 'closed');
  if (row.cancelledAt)
    throw new Refusal('That link request was cancelled, so nothing was linked. Run /link to start again.', 'closed');
  if (row.confirmBy <= ctx.now)
    throw new Refusal(
      'That link request expired after 15 minutes, so nothing was linked. Run /link to start again.',
      'closed',
    );
  return {
    ...row,
    joinerMemberId: row.joinerMemberId,
    joinerPlatform: row.joinerPlatform,
    joinerUserId: row.joinerUserId,
  };
}

type Link = Awaited<ReturnType<typeof loadLink>>;

export async function confirmLink(ctx: ActorContext, linkId: string, side: LinkSide): Promise<Reply[]> {
  const link = await loadLink(ctx, linkId, side);
  const issuer = await ctx.tx.member.findUniqueOrThrow({ where: { id: link.memberId } });
  if (side === 'joiner') {
    if (link.joinerConfirmedAt)
      return toActor(waitingForIssuer(issuer.displayName, await platformsOf(ctx.tx, issuer.id)));
    await ctx.tx.linkCode.update({ where: { codeHash: link.codeHash }, data: { joinerConfirmedAt: ctx.now } });
    await auditMember(ctx, link.joinerMemberId, 'member.link_confirmed', { linkId, side });
    if (!link.issuerConfirmedAt) {
      const joiner = await ctx.tx.member.findUniqueOrThrow({ where: { id: link.joinerMemberId } });
      return [
        {
          to: 'member',
          memberId: issuer.id,
          key: `link:${linkId}`,
          message: issuerQuestion({ linkId, platform: link.joinerPlatform, joinerName: joiner.displayName }),
        },
        ...toActor(waitingForIssuer(issuer.displayName, await platformsOf(ctx.tx, issuer.id))),
      ];
    }
  } else {
    if (!link.issuerConfirmedAt) {
      await ctx.tx.linkCode.update({ where: { codeHash: link.codeHash }, data: { issuerConfirmedAt: ctx.now } });
      await auditMember(ctx, issuer.id, 'member.link_confirmed', { linkId, side });
    }
    if (!link.joinerConfirmedAt)
      return toActor({ text: 'Thank you. Nothing is linked until the other account confirms too.', tone: 'info' });
  }
  return completeLink(ctx, link);
}

/** Both sides confirmed: checked again under lock, then the entering account joins the issuer. */
async function completeLink(ctx: ActorContext, link: Link): Promise<Reply[]> {
  await ctx.tx
    .$queryRaw`SELECT "id" FROM "Member" WHERE "id" = ANY(${[link.memberId, link.joinerMemberId].sort()}::uuid[]) ORDER BY "id" FOR UPDATE`;
  const issuer = await ctx.tx.member.findUniqueOrThrow({ where: { id: link.memberId }, include: { identities: true } });
  const identity = await ctx.tx.memberIdentity.findUnique({
    where: { platform_platformUserId: { platform: link.joinerPlatform, platformUserId: link.joinerUserId } },
    include: { member: true },
  });
  const problem =
    issuer.status === 'left'
      ? 'the account that made the code is no longer active.'
      : !identity || identity.memberId !== link.joinerMemberId || identity.member.status === 'left'
        ? 'the account that entered the code has changed since.'
        : issuer.identities.some((i) => i.platform === link.joinerPlatform)
          ? `${issuer.displayName} already has a ${link.joinerPlatform} account linked.`
          : undefined;
  const blocked = problem ? undefined : await obstacle(ctx.tx, link.joinerMemberId);
  if (problem || blocked) {
    await ctx.tx.linkCode.update({ where: { codeHash: link.codeHash }, data: { cancelledAt: ctx.now } });
    await auditMember(ctx, link.joinerMemberId, 'member.link_refused', {
      issuerId: issuer.id,
      reason: blocked ?? 'changed',
    });
    const message = blocked ? linkRefused(issuer.displayName, blocked) : linkNotPossible(problem!);
    return [
      { to: 'member', memberId: link.joinerMemberId, message },
      ...(ctx.actor.memberId === link.joinerMemberId ? [] : toActor(message)),
    ];
  }
  await ctx.tx.memberIdentity.update({ where: { id: identity!.id }, data: { memberId: issuer.id } });
  await retireInto(ctx, link.joinerMemberId, issuer.id);
  await ctx.tx.linkCode.update({ where: { codeHash: link.codeHash }, data: { linkedAt: ctx.now } });
  await auditMember(ctx, issuer.id, 'member.linked', {
    platform: link.joinerPlatform,
    linkId: link.linkId,
    from: link.joinerMemberId,
  });
  await auditMember(ctx, link.joinerMemberId, 'member.merged', { into: issuer.id, linkId: link.linkId });
  const message = linkedMessage(issuer.displayName, await platformsOf(ctx.tx, issuer.id));
  // Told on every platform the member now uses (the account that just joined included).
  return [{ to: 'member', memberId: issuer.id, message }, ...toActor(message)];
}

export async function cancelLink(ctx: ActorContext, linkId: string, side: LinkSide): Promise<Reply[]> {
  const link = await loadLink(ctx, linkId, side);
  await ctx.tx.linkCode.update({ where: { codeHash: link.codeHash }, data: { cancelledAt: ctx.now } });
  await auditMember(ctx, side === 'joiner' ? link.joinerMemberId : link.memberId, 'member.link_cancelled', {
    linkId,
    side,
  });
  const replies: Reply[] = toActor(linkCancelled('you'));
  // The other side hears of it only if it was asked: the member who made the code once the entering account confirmed.
  if (side === 'issuer') replies.push({ to: 'member', memberId: link.joinerMemberId, message: linkCancelled('other') });
  else if (link.joinerConfirmedAt)
    replies.push({ to: 'update', key: `link:${linkId}`, message: linkCancelled('other') });
  return replies;
}
