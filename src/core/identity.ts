// Matches a platform account to a network member, admitting newcomers as the membership rule says.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client.js';
import type { Actor, PlatformUser } from './actor.js';
import type { Deps } from './deps.js';
import { cleanImportedName, disambiguate, nameKey } from './display-name.js';
import { recordEvent } from './events.js';
import type { Role } from './roles.js';
import { readSettings } from './settings.js';

export type Identified = { ok: true; actor: Actor; joined: boolean } | { ok: false; message: string };

function toActor(
  member: { id: string; displayName: string; roles: Role[]; timeZone: string },
  user: PlatformUser,
): Actor {
  return {
    memberId: member.id,
    displayName: member.displayName,
    roles: member.roles,
    timeZone: member.timeZone,
    platform: user.platform,
    platformUserId: user.platformUserId,
  };
}

function isListedAdmin(deps: Deps, user: PlatformUser): boolean {
  return deps.config.ADMINS.split(',').includes(`${user.platform}:${user.platformUserId}`);
}

/**
 * The platform's name for a newcomer, cleaned of hidden characters (display-name.ts), numbered
 * ("Sam (2)") when an active member already goes by it so that nobody joins looking like someone else.
 */
async function importedName(tx: Tx, raw: string): Promise<string> {
  const name = cleanImportedName(raw);
  // Two newcomers with one name at once would both find it free: the second waits for the first.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`display-name:${nameKey(name)}`}, 0))`;
  const active = await tx.member.findMany({ where: { status: { not: 'left' } }, select: { displayName: true } });
  return disambiguate(name, new Set(active.map((m) => nameKey(m.displayName))));
}

/** Creates a member with one identity (used on first contact and by the terminal's demo cast). */
export async function createMember(tx: Tx, deps: Deps, user: PlatformUser, roles: Role[]): Promise<Actor> {
  const id = randomUUID();
  const member = await tx.member.create({
    data: {
      id,
      displayName: await importedName(tx, user.displayName),
      roles,
      timeZone: user.timeZone ?? deps.config.NETWORK_TIMEZONE,
      identities: { create: { id: randomUUID(), platform: user.platform, platformUserId: user.platformUserId } },
    },
  });
  await recordEvent(tx, {
    subjectKind: 'member',
    subjectId: id,
    kind: 'member.joined',
    at: deps.clock.now(),
    actorId: id,
    surface: user.platform,
    data: { roles },
  });
  return toActor(member, user);
}

const GUEST =
  'Sorry, guest accounts cannot use the network bot. Please ask a coordinator to invite you as a full member.';
const LEFT =
  'Your network membership is no longer active, so the bot cannot act for you. If this is a mistake, please contact a coordinator.';

/** A guest, or an account already matched to a member: answered with one read. Undefined for a newcomer. */
export async function identifyKnown(db: Tx, user: PlatformUser): Promise<Identified | undefined> {
  if (user.guest) return { ok: false, message: GUEST };
  // Every interaction starts here: one statement, written out, costs one round trip and no query
  // planning in Prisma's compiler (the relation read made two, and most of a command's CPU).
  const [member] = await db.$queryRaw<
    { id: string; displayName: string; roles: Role[]; timeZone: string; status: string }[]
  >`
    SELECT m."id"::text AS "id", m."displayName", m."roles"::text[] AS "roles", m."timeZone", m."status"::text AS "status"
    FROM "MemberIdentity" i JOIN "Member" m ON m."id" = i."memberId"
    WHERE i."platform" = ${user.platform}::"Platform" AND i."platformUserId" = ${user.platformUserId}`;
  if (!member) return undefined;
  if (member.status === 'left') return { ok: false, message: LEFT };
  return { ok: true, actor: toActor(member, user), joined: false };
}

export async function identify(tx: Tx, deps: Deps, user: PlatformUser): Promise<Identified> {
  const known = await identifyKnown(tx, user);
  if (known) return known;
  // Two first contacts at once (a retried event, a double click) would both try to create the
  // member: the second waits here for the first to commit, then finds it.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`identity:${user.platform}:${user.platformUserId}`}, 0))`;
  const joinedMeanwhile = await tx.memberIdentity.findUnique({
    where: { platform_platformUserId: { platform: user.platform, platformUserId: user.platformUserId } },
    include: { member: true },
  });
  if (joinedMeanwhile) return { ok: true, actor: toActor(joinedMeanwhile.member, user), joined: false };
  if (isListedAdmin(deps, user))
    return { ok: true, actor: await createMember(tx, deps, user, ['admin', 'coordinator']), joined: true };
  if ((await readSettings(tx, deps)).membership === 'invite' && user.platform !== 'shell') {
    return { ok: false, message: "You're not a member of this network yet. Please ask a coordinator to add you." };
  }
  return { ok: true, actor: await createMember(tx, deps, user, ['mentor']), joined: true };
}

/**
 * Who is asking: a known member from the app's copy or with a single read, outside any transaction; on first contact they
 * join (as the membership rule allows), and coordinators are told in the same transaction.
 */
export async function admit(deps: Deps, user: PlatformUser): Promise<Identified> {
  const known = await deps.identities.read(`${user.platform}:${user.platformUserId}`, () =>
    identifyKnown(deps.db, user),
  );
  if (known) return known;
  return deps.db.$transaction(async (tx) => {
    const result = await identify(tx, deps, user);
    if (result.ok && result.joined) {
      await deps.outbox.enqueue(tx, {
        to: 'channel',
        channel: 'coordinators',
        message: {
          text: `${result.actor.displayName} joined the network as a mentor (first contact on ${user.platform}).`,
          tone: 'info',
        },
      });
    }
    return result;
  });
}
