// Members: profiles, availability, linked identities and administration by coordinators.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client.js';
import { checkTypedName, nameKey } from '../../core/display-name.js';
import { recordEvent } from '../../core/events.js';
import type { Holding } from '../../core/holdings.js';
import { Refusal, type HandlerContext } from '../../core/router.js';
import type { Platform, Role } from '../../core/roles.js';
import { channelKey, readSettings, writeSettings } from '../../core/settings.js';
import type { ProfileValues, ProfileView, SettingsValues } from './forms.js';
import { mentionedUserId, parseSpecialisms } from './policy.js';

type Ctx = Pick<HandlerContext, 'tx' | 'deps' | 'actor' | 'now' | 'surface'>;

const audit = (
  ctx: Ctx,
  subjectId: string,
  kind: string,
  data: Record<string, string | string[] | number | boolean | null> = {},
) =>
  recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId,
    kind,
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data,
  });

export async function profileView(tx: Tx, memberId: string): Promise<ProfileView> {
  const member = await tx.member.findUniqueOrThrow({
    where: { id: memberId },
    include: { identities: { select: { platform: true } } },
  });
  const supporter = member.supporterId
    ? await tx.member.findUnique({ where: { id: member.supporterId }, select: { displayName: true } })
    : null;
  return { ...member, supporter: supporter?.displayName ?? null, platforms: member.identities.map((i) => i.platform) };
}

/**
 * A display name someone typed, normalised (core/display-name.ts); refused, naming the problem, when
 * it hides characters, or when another active member already goes by it (a name is how members
 * recognise each other). `memberId` may keep the name they already have.
 */
export async function typedDisplayName(ctx: Ctx, raw: string, memberId?: string): Promise<string> {
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

export async function updateProfile(ctx: Ctx, values: ProfileValues): Promise<void> {
  const languages = (values.languages ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const displayName = await typedDisplayName(ctx, values.displayName, ctx.actor.memberId);
  await ctx.tx.member.update({
    where: { id: ctx.actor.memberId },
    data: {
      displayName,
      timeZone: values.timeZone,
      specialisms: values.specialisms,
      region: values.region ?? null,
      languages,
    },
  });
  await audit(ctx, ctx.actor.memberId, 'member.profile_updated', {
    fields: ['displayName', 'timeZone', 'specialisms', 'region', 'languages'],
  });
}

/** Finds an active member by @mention, platform id or exact display name; a kind refusal otherwise. */
export async function findMember(ctx: Ctx, ref: string, options: { includeLeft?: boolean } = {}) {
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

export async function chooseSupporter(ctx: Ctx, ref: string): Promise<string | null> {
  if (ref.trim().toLowerCase() === 'none') {
    await ctx.tx.member.update({ where: { id: ctx.actor.memberId }, data: { supporterId: null } });
    await audit(ctx, ctx.actor.memberId, 'member.supporter_changed', { supporterId: null });
    return null;
  }
  const supporter = await findMember(ctx, ref);
  if (supporter.id === ctx.actor.memberId)
    throw new Refusal('Your supporter needs to be someone else: a peer you trust to reach out.');
  await ctx.tx.member.update({ where: { id: ctx.actor.memberId }, data: { supporterId: supporter.id } });
  await audit(ctx, ctx.actor.memberId, 'member.supporter_changed', { supporterId: supporter.id });
  return supporter.displayName;
}

export async function setAway(ctx: Ctx, until: Date | null): Promise<void> {
  await ctx.tx.member.update({
    where: { id: ctx.actor.memberId },
    data: until ? { status: 'away', awayUntil: until } : { status: 'active', awayUntil: null },
  });
  await audit(ctx, ctx.actor.memberId, until ? 'member.away' : 'member.back', { until: until?.toISOString() ?? null });
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
export async function addMember(ctx: Ctx, ref: string, typedName: string, role: Role): Promise<string> {
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
    await audit(ctx, known.memberId, 'member.reactivated', { roles: [role] });
    return displayName;
  }
  const id = randomUUID();
  await ctx.tx.member.create({
    data: {
      id,
      displayName,
      roles: [role],
      timeZone: (await readSettings(ctx.tx, ctx.deps.config)).networkTimeZone,
      identities: { create: { id: randomUUID(), platform: ctx.surface, platformUserId: userId } },
    },
  });
  await audit(ctx, id, 'member.added', { roles: [role], platform: ctx.surface });
  return displayName;
}

export async function changeRole(
  ctx: Ctx,
  ref: string,
  role: Role,
  change: 'grant' | 'revoke',
): Promise<{ displayName: string; roles: Role[] }> {
  const member = await findMember(ctx, ref);
  const roles = change === 'grant' ? [...new Set([...member.roles, role])] : member.roles.filter((r) => r !== role);
  if (change === 'revoke' && role === 'admin' && member.id === ctx.actor.memberId)
    throw new Refusal('You cannot remove your own admin role; ask another admin.');
  await ctx.tx.member.update({ where: { id: member.id }, data: { roles } });
  await audit(ctx, member.id, change === 'grant' ? 'member.role_granted' : 'member.role_revoked', { role });
  return { displayName: member.displayName, roles };
}

export async function setSpecialisms(
  ctx: Ctx,
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
  await audit(ctx, member.id, 'member.specialisms_set', { specialisms: parsed.values });
  return { displayName: member.displayName, specialisms: parsed.values };
}

/** Being someone's chosen supporter: handed back to that mentor to choose again. */
export const supporterHolding: Holding = {
  name: 'chosen supporter of',
  async list(tx, memberId) {
    return (
      await tx.member.findMany({
        where: { supporterId: memberId, status: { not: 'left' } },
        select: { displayName: true },
      })
    ).map((m) => m.displayName);
  },
  async release(tx, memberId) {
    await tx.member.updateMany({ where: { supporterId: memberId }, data: { supporterId: null } });
  },
};

/** Unfinished forms: discarded, they were never records. */
export const draftHolding: Holding = {
  name: 'unfinished forms',
  async list(tx, memberId) {
    const count = await tx.formDraft.count({ where: { memberId } });
    return count ? [`${count} unfinished form${count === 1 ? '' : 's'}`] : [];
  },
  async release(tx, memberId) {
    await tx.formDraft.deleteMany({ where: { memberId } });
  },
};

export async function holdingsOf(
  tx: Tx,
  holdings: Holding[],
  memberId: string,
): Promise<{ name: string; items: string[] }[]> {
  const found: { name: string; items: string[] }[] = [];
  for (const holding of holdings) {
    const items = await holding.list(tx, memberId);
    if (items.length) found.push({ name: holding.name, items });
  }
  return found;
}

export async function deactivateMember(ctx: Ctx, holdings: Holding[], memberId: string): Promise<string> {
  const member = await ctx.tx.member.findUniqueOrThrow({ where: { id: memberId } });
  if (member.status === 'left') throw new Refusal(`${member.displayName} is already deactivated.`);
  if (member.id === ctx.actor.memberId)
    throw new Refusal('You cannot deactivate yourself; ask another coordinator or admin.');
  for (const holding of holdings) await holding.release(ctx.tx, member.id, ctx.now);
  await ctx.tx.member.update({
    where: { id: member.id },
    data: { status: 'left', leftAt: ctx.now, supporterId: null },
  });
  await audit(ctx, member.id, 'member.deactivated');
  return member.displayName;
}

export async function saveSettings(ctx: Ctx, values: SettingsValues) {
  const current = await readSettings(ctx.tx, ctx.deps.config);
  const channels = { ...current.channels };
  const given: [string, Platform, string | undefined][] = [
    ['coordinators', 'slack', values.slackCoordinators],
    ['learning', 'slack', values.slackLearning],
    ['coordinators', 'discord', values.discordCoordinators],
    ['learning', 'discord', values.discordLearning],
  ];
  for (const [name, platform, id] of given) {
    if (id) channels[channelKey(name, platform)] = id;
    else delete channels[channelKey(name, platform)];
  }
  const next = await writeSettings(ctx.tx, ctx.deps.config, {
    clientTerm: values.clientTerm,
    networkTimeZone: values.networkTimeZone,
    workingHours: { start: values.workingStart, end: values.workingEnd },
    membership: values.membership,
    channels,
  });
  await recordEvent(ctx.tx, {
    subjectKind: 'network',
    subjectId: 'settings',
    kind: 'network.settings_changed',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
  });
  return next;
}
