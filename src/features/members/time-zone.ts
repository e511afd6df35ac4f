// Where a member's time zone comes from when their platform gives none (Discord): at their first use
// they are asked once, alongside whatever they were doing, to keep the zone they have (the network's)
// or choose theirs. The answer is kept on the member (timeZoneSetAt) and they are never asked again;
// a member linked to Slack has Slack's zone and is not asked.
import { z } from 'zod';
import type { PlatformUser } from '../../core/actor.js';
import type { Deps } from '../../core/deps.js';
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { isTimeZone } from '../../core/time-zone.js';
import { auditMember } from './audit.js';
import { chosenZone, timeZoneAsk, timeZoneSaved, type TimeZoneValues } from './time-zone-forms.js';

/**
 * The question for this account's member, if they were never asked and never answered; marking them
 * asked in the same statement, so two interactions at once ask once.
 */
export async function timeZoneAskOnce(deps: Deps, user: PlatformUser): Promise<Message | undefined> {
  const asked = await deps.db.$queryRaw<{ timeZone: string }[]>`
    UPDATE "Member" AS m SET "timeZoneAskedAt" = ${deps.clock.now()}
    FROM "MemberIdentity" AS i
    WHERE i."memberId" = m."id" AND i."platform" = ${user.platform}::"Platform" AND i."platformUserId" = ${user.platformUserId}
      AND m."timeZoneAskedAt" IS NULL AND m."timeZoneSetAt" IS NULL AND m."status" <> 'left'
      AND NOT EXISTS (SELECT 1 FROM "MemberIdentity" AS s WHERE s."memberId" = m."id" AND s."platform" = 'slack')
    RETURNING m."timeZone"`;
  const member = asked[0];
  if (!member) return undefined;
  const { networkTimeZone } = await readSettings(deps.db, deps);
  return timeZoneAsk(member.timeZone, networkTimeZone);
}

/** The member's answer: this zone is theirs, and they are not asked again. */
export async function setTimeZone(ctx: ActorContext, zone: string): Promise<Response> {
  await ctx.tx.member.update({ where: { id: ctx.actor.memberId }, data: { timeZone: zone, timeZoneSetAt: ctx.now } });
  await auditMember(ctx, ctx.actor.memberId, 'member.time_zone_set');
  return { replies: [{ to: 'actor' as const, message: timeZoneSaved(zone) }] };
}

/** A zone a "Keep" button may carry. */
export const zoneValue = z.string().max(60).refine(isTimeZone);

/** The time-zone form: the zone chosen, or the one typed under Other. */
export async function submitTimeZone(ctx: ActorContext, values: TimeZoneValues): Promise<Response> {
  const zone = chosenZone(values);
  if (!zone)
    throw new Refusal(
      'You chose Other: please type your time zone, a place name such as America/Toronto. Nothing was changed.',
    );
  return setTimeZone(ctx, zone);
}
