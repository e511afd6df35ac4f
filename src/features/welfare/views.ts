// What a mentor and a coordinator see of welfare: the settings form as it opens (with who sees their
// answers and their last answers), and the two home sections.
import type { FormRequest } from '../../core/form.js';
import type { Message } from '../../core/message.js';
import type { ActorContext, HomeSection } from '../../core/router.js';
import type { Deps } from '../../core/deps.js';
import type { Tx } from '../../db/client.js';
import { consentFor } from './consent.js';
import { checkinSettingsForm } from './forms.js';
import { coordinatorSection, localTime, ownSection, settingsIntro } from './messages.js';
import { ANSWERS, oneOf, toHhmm, trendLine, type Answer } from './policy.js';
import { ensureEnrolled, nextScheduledFor, scheduleOf } from './schedule.js';
import { networkTotals } from './totals.js';

/** The mentor's own last answers, oldest first. */
export async function ownHistory(db: Tx | Deps['db'], memberId: string, take = 8): Promise<(Answer | 'missed')[]> {
  const rows = await db.checkin.findMany({
    where: { memberId, status: { in: ['answered', 'missed'] } },
    orderBy: { deliveredAt: 'desc' },
    take,
    select: { status: true, answer: true },
  });
  return rows.reverse().flatMap((r) => {
    if (r.status === 'missed') return ['missed' as const];
    const answer = oneOf(ANSWERS, r.answer);
    return answer ? [answer] : [];
  });
}

/** `/checkin settings`: the form with the mentor's schedule (enrolled first, if new to check-ins). */
export async function settingsForm(ctx: ActorContext): Promise<FormRequest> {
  const memberId = ctx.actor.memberId;
  await ensureEnrolled(ctx, memberId);
  const s = await scheduleOf(ctx, memberId);
  const { consent, supporter } = await consentFor(ctx, memberId);
  const trend = trendLine(await ownHistory(ctx.tx, memberId));
  return {
    form: {
      ...checkinSettingsForm,
      intro: settingsIntro({ zone: ctx.actor.timeZone, consent, supporterName: supporter?.displayName ?? null, trend }),
    },
    initial: {
      days: s.weekdays.map(String).join(','),
      time: toHhmm(s.minute),
      paused: s.paused ? 'yes' : 'no',
      consent,
    },
  };
}

/** The mentor's home section: their trend, their next check-in, who sees their answers. */
export const ownHomeSection: HomeSection = async ({ deps, actor, now }): Promise<Message> => {
  const history = await ownHistory(deps.db, actor.memberId);
  return deps.db.$transaction(async (tx) => {
    const ctx = { deps, tx, now };
    await ensureEnrolled(ctx, actor.memberId);
    const { consent, supporter } = await consentFor(ctx, actor.memberId);
    const next = await nextScheduledFor(ctx, actor.memberId);
    return ownSection({
      trend: trendLine(history),
      count: history.length,
      next: next ? localTime(next, actor.timeZone) : null,
      consent,
      supporterName: supporter?.displayName ?? null,
    });
  });
};

/** The coordinators' home section: network totals and the follow-ups waiting. */
export const coordinatorHomeSection: HomeSection = async ({ deps, actor, now }) =>
  coordinatorSection(await networkTotals(deps.db, actor.memberId, now));
