// Who is in the network: finding a member as typed, adding one (or bringing one back), their roles
// and specialisms, the list coordinators see, and the display names members recognise each other by.
import { randomUUID } from 'node:crypto';
import { checkTypedName, nameKey } from '../../core/display-name.js';
import { Refusal } from '../../core/refusal.js';
import type { Role } from '../../core/roles.js';
import type { ActorContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { auditMember } from './audit.js';
import { mentionedUserId, parseSpecialisms } from './policy.js';

/**
 * A display name someone typed, normalised (core/display-name.ts); refused, naming the problem, when
 * it hides characters, or when another active member already goes by it (a name is how members
 * recognise each other). `memberId` may keep the name they already have.
 */
export async function typedDisplayName(ctx: ActorContext, raw: string, memberId?: string): Promise<string> {
  const checked = checkTypedName(raw);
  if (!checked.ok) throw new Refusal(checked.problem);
  const key = nameKey(checked.name);
  const current = memberId
    ? await ctx.tx.member.findUnique({ where: { id: memberId }, select: { displayName: true } })
    : null;
  if (current && nameKey(current.displayName) === key) return checked.name;
  const others = await ctx.tx.member.findMany({
    where: { status: { not: 'left' }, id: memberId ? { not: memberId } : undefined },
    select: { displayName: true },
  });
  if (others.some((m) => nameKey(m.displayName) === key)) {
    throw new Refusal(
      `Another member is already called "${checked.name}". Please choose a name that tells you apart, for example with an initial.`,
    );
  }
  return checked.name;
}

/** Finds an active member by @mention, platform id or exact display name; a kind refusal otherwise. */
export async function findMember(ctx: ActorContext, ref: string, options: { includeLeft?: boolean } = {}) {
  const status = options.includeLeft ? undefined : { not: 'left' as const };
  const userId = mentionedUserId(ref);
  if (userId) {
    const identity = await ctx.tx.memberIdentity.findUnique({
      where: { platform_platformUserId: { platform: ctx.surface, platformUserId: userId } },
      include: { member: true },
    });
    if (identity && (options.includeLeft || identity.member.status !== 'left')) return identity.member;
  }
  const byName = await ctx.tx.member.findMany({
    where: { displayName: { equals: ref.trim(), mode: 'insensitive' }, status },
    take: 2,
  });
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1)
    throw new Refusal(`More than one member is called "${ref.trim()}". Please use their @mention instead.`);
  throw new Refusal(
    `I could not find an active member "${ref.trim().slice(0, 60)}". Check the spelling, or use their @mention.`,
  );
}

export async function listMembers(tx: Tx) {
  return tx.member.findMany({
    orderBy: [{ status: 'asc' }, { displayName: 'asc' }],
    select: {
      displayName: true,
      roles: true,
      status: true,
      awayUntil: true,
      specialisms: true,
      identities: { select: { platform: true } },
    },
    take: 200,
  });
}

/** Adds (or brings back) a member by their account on this platform; returns the name they were given. */
export async function addMember(ctx: ActorContext, ref: string, typedName: string, role: Role): Promise<string> {
  const userId = mentionedUserId(ref) ?? ref.trim();
  if (!/^[A-Za-z0-9_-]{2,40}$/.test(userId))
    throw new Refusal('The user should be an @mention or a platform user id such as U0123ABCD.');
  const known = await ctx.tx.memberIdentity.findUnique({
    where: { platform_platformUserId: { platform: ctx.surface, platformUserId: userId } },
    include: { member: true },
  });
  if (known && known.member.status !== 'left')
    throw new Refusal(
      `That account already belongs to ${known.member.displayName}. Use /network role to change their roles.`,
    );
  const displayName = await typedDisplayName(ctx, typedName, known?.memberId);
  if (known) {
    await ctx.tx.member.update({
      where: { id: known.memberId },
      data: { status: 'active', leftAt: null, roles: [role], displayName },
    });
    await auditMember(ctx, known.memberId, 'member.reactivated', { roles: [role] });
    return displayName;
  }
  const id = randomUUID();
  await ctx.tx.member.create({
    data: {
      id,
      displayName,
      roles: [role],
      timeZone: (await readSettings(ctx.tx, ctx.deps)).networkTimeZone,
      identities: { create: { id: randomUUID(), platform: ctx.surface, platformUserId: userId } },
    },
  });
  await auditMember(ctx, id, 'member.added', { roles: [role], platform: ctx.surface });
  return displayName;
}

export async function changeRole(
  ctx: ActorContext,
  ref: string,
  role: Role,
  change: 'grant' | 'revoke',
): Promise<{ displayName: string; roles: Role[] }> {
  const member = await findMember(ctx, ref);
  const roles = change === 'grant' ? [...new Set([...member.roles, role])] : member.roles.filter((r) => r !== role);
  if (change === 'revoke' && role === 'admin' && member.id === ctx.actor.memberId)
    throw new Refusal('You cannot remove your own admin role; ask another admin.');
  await ctx.tx.member.update({ where: { id: member.id }, data: { roles } });
  await auditMember(ctx, member.id, change === 'grant' ? 'member.role_granted' : 'member.role_revoked', { role });
  return { displayName: member.displayName, roles };
}

export async function setSpecialisms(
  ctx: ActorContext,
  ref: string,
  text: string,
): Promise<{ displayName: string; specialisms: string[] }> {
  const member = await findMember(ctx, ref);
  const parsed = parseSpecialisms(text);
  if (!parsed.ok)
    throw new Refusal(
      `Unknown specialisms: ${parsed.unknown.join(', ').slice(0, 120)}. See /profile edit for the list.`,
    );
  await ctx.tx.member.update({ where: { id: member.id }, data: { specialisms: parsed.values } });
  await auditMember(ctx, member.id, 'member.specialisms_set', { specialisms: parsed.values });
  return { displayName: member.displayName, specialisms: parsed.values };
}
