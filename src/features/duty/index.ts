// The duty rota's declarations: who is on, the rota and its rotations, cover, swaps and their
// buttons, calendar feeds, handovers and what a leaving coordinator holds.
import { Refusal, type HandlerContext, type Router } from '../../core/router.js';
import { idValue } from '../../core/values.js';
import { issueCalendarFeed } from './calendar.js';
import { CONFIRM_HANDOVER, whoMessage } from './forms.js';
import { ACCEPT_SWAP, calendarMessage, DECLINE_SWAP, spanText } from './messages.js';
import { localText, minuteText, weekdays } from './policy.js';
import { dateTimeOption, dutyCtx, memberOption, positionOf, rotaCommand, text } from './rota-command.js';
import { leaveRotations } from './rotations.js';
import { addShift, confirmHandover, networkZone, whoIsOnDuty } from './service.js';
import { answerSwap, requestSwap } from './swaps.js';
import { unreachableWarning } from '../members/api.js';

export function registerDuty(router: Router): void {
  router.command('duty.who', async (ctx) => {
    const duty = await whoIsOnDuty(ctx.tx, ctx.deps, ctx.now);
    const ids = [duty.primary?.coordinatorId, duty.backup?.coordinatorId].filter((x): x is string => Boolean(x));
    const names = new Map(
      (await ctx.tx.member.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map(
        (m) => [m.id, m.displayName],
      ),
    );
    const holder = (s: typeof duty.primary) =>
      s ? { name: names.get(s.coordinatorId) ?? 'a coordinator', until: s.endsAt } : undefined;
    const message = whoMessage(holder(duty.primary), holder(duty.backup), await networkZone(ctx.tx, ctx.deps));
    // Whoever is on duty with no verified e-mail or SMS can be paged in chat only (contact methods).
    const unreachable = await unreachableWarning(ctx.tx, ids);
    return {
      replies: [
        {
          to: 'actor',
          message: unreachable
            ? {
                ...message,
                fields: [...(message.fields ?? []), { label: 'Warning', value: unreachable }],
                tone: 'warning',
              }
            : message,
        },
      ],
    };
  });

  router.command('duty.rota', rotaCommand);

  router.command('duty.cover', async (ctx, options) => {
    const zone = await networkZone(ctx.tx, ctx.deps);
    const startsAt = dateTimeOption(options.from, 'from', zone);
    const endsAt = dateTimeOption(options.to, 'to', zone);
    if (endsAt <= startsAt) throw new Refusal('to: the end should be after the start (from).');
    if (endsAt <= ctx.now) throw new Refusal('That period is already over.');
    const member = await memberOption(ctx, text(options.member), 'member');
    const position = positionOf(options.position);
    const reason = text(options.reason) === 'swap' ? 'swap' : 'cover';
    await addShift(dutyCtx(ctx), {
      position,
      coordinatorId: member.id,
      startsAt,
      endsAt,
      reason,
      name: member.displayName,
    });
    return {
      replies: [
        {
          to: 'actor',
          message: {
            text: `${member.displayName} ${reason === 'swap' ? 'swaps in' : 'covers'} as ${position} from ${localText(startsAt, zone)} to ${localText(endsAt, zone)} (${zone}).`,
            tone: 'success',
          },
        },
      ],
    };
  });

  router.command('duty.swap', async (ctx, options) => {
    const zone = await networkZone(ctx.tx, ctx.deps);
    const startsAt = dateTimeOption(options.shift, 'shift', zone);
    const returnStartsAt = text(options.for) ? dateTimeOption(options.for, 'for', zone) : undefined;
    const colleague = await memberOption(ctx, text(options.with), 'with');
    const asked = await requestSwap(dutyCtx(ctx), {
      position: positionOf(options.position),
      startsAt,
      returnStartsAt,
      colleague: { id: colleague.id, name: colleague.displayName },
    });
    const back = asked.back ? `, and to give you theirs ${spanText(asked.back, zone)}` : '';
    return {
      replies: [
        {
          to: 'actor',
          message: {
            text: `Asked ${colleague.displayName} to take your shift ${spanText(asked.shift, zone)}${back} (${zone}). Nothing changes until they accept; you will be told either way.`,
            tone: 'success',
          },
        },
      ],
    };
  });

  const answer = (accept: boolean) => async (ctx: HandlerContext, swapId: string) => {
    const result = await answerSwap(dutyCtx(ctx), swapId, accept);
    return {
      replies: [
        {
          to: 'actor' as const,
          message: {
            text: result.text,
            tone: result.outcome === 'accepted' ? ('success' as const) : ('info' as const),
          },
        },
      ],
    };
  };
  router.action(ACCEPT_SWAP, 'coordinator', answer(true), idValue);
  router.action(DECLINE_SWAP, 'coordinator', answer(false), idValue);

  router.command('duty.calendar', async (ctx, options) => {
    const issued = await issueCalendarFeed(dutyCtx(ctx), text(options.change) === 'reset');
    if (issued === 'exists') {
      return {
        replies: [
          {
            to: 'actor',
            message: {
              text: 'You already have a calendar address. It is shown only once, when made; if you no longer have it, or it was shared, get a new one with /duty calendar change:reset (the old one then stops working).',
            },
          },
        ],
      };
    }
    return { replies: [{ to: 'actor', message: calendarMessage(issued.url, issued.replaced) }] };
  });

  router.action(
    CONFIRM_HANDOVER,
    'coordinator',
    async (ctx, value) => {
      const result = await confirmHandover(dutyCtx(ctx), value);
      return {
        replies: [
          {
            to: 'actor',
            message: {
              text:
                result === 'confirmed'
                  ? 'Thank you: handover confirmed. You are the duty coordinator.'
                  : 'Already confirmed, thank you.',
              tone: 'success',
            },
          },
        ],
      };
    },
    idValue,
  );

  router.holding({
    name: 'on the duty rota',
    async list(tx, memberId) {
      const pattern = await tx.rotaPattern.findMany({
        where: { coordinatorId: memberId },
        orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }],
      });
      const rotations = await tx.dutyRotation.findMany({
        where: { memberIds: { has: memberId } },
        select: { name: true },
      });
      return [
        ...pattern.map((p) => `${weekdays[p.weekday - 1]}s from ${minuteText(p.startMinute)} (${p.position})`),
        ...rotations.map((r) => `rotation ${r.name}`),
      ];
    },
    async release(tx, memberId, at) {
      await tx.rotaPattern.deleteMany({ where: { coordinatorId: memberId } });
      await tx.dutyShift.deleteMany({ where: { coordinatorId: memberId, endsAt: { gt: at } } });
      await leaveRotations(tx, memberId, at);
      await tx.dutySwap.updateMany({
        where: { status: 'pending', OR: [{ requesterId: memberId }, { colleagueId: memberId }] },
        data: { status: 'lapsed', answeredAt: at },
      });
      await tx.calendarFeed.updateMany({ where: { memberId, revokedAt: null }, data: { revokedAt: at } });
    },
  });
}
