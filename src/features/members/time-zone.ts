// Where a member's time zone comes from when their platform gives none (Discord): at their first use
// they are asked once, alongside whatever they were doing, to keep the zone they have (the network's)
// or choose theirs. The answer is kept on the member (timeZoneSetAt) and they are never asked again;
// a member linked to Slack has Slack's zone and is not asked.
import { z } from 'zod';
import type { PlatformUser } from '../../core/actor.js';
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { Message } from '../../core/message.js';
import { Refusal, type HandlerContext, type Router } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { isTimeZone } from '../../core/time-zone.js';
import { noValue } from '../../core/values.js';
import {
  chosenZone,
  TIME_ZONE_CHOOSE,
  TIME_ZONE_KEEP,
  timeZoneAsk,
  timeZoneForm,
  timeZoneFormFor,
  timeZoneSaved,
} from './time-zone-forms.js';

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
  const { networkTimeZone } = await readSettings(deps.db, deps.config);
  return timeZoneAsk(member.timeZone, networkTimeZone);
}

async function setTimeZone(ctx: HandlerContext, zone: string) {
  await ctx.tx.member.update({ where: { id: ctx.actor.memberId }, data: { timeZone: zone, timeZoneSetAt: ctx.now } });
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: ctx.actor.memberId,
    kind: 'member.time_zone_set',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
  });
  return { replies: [{ to: 'actor' as const, message: timeZoneSaved(zone) }] };
}

const zoneValue = z.string().max(60).refine(isTimeZone);

export function registerTimeZone(router: Router): void {
  router.action(TIME_ZONE_KEEP, 'anyMember', setTimeZone, zoneValue);
  router.action(TIME_ZONE_CHOOSE, 'anyMember', async (ctx) => ({ form: timeZoneFormFor(ctx.actor.timeZone) }), noValue);
  router.form(timeZoneForm, async (ctx, values) => {
    const zone = chosenZone(values);
    if (!zone)
      throw new Refusal(
        'You chose Other: please type your time zone, a place name such as America/Toronto. Nothing was changed.',
      );
    return setTimeZone(ctx, zone);
  });
}
