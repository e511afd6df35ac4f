// /duty who, cover, swap and calendar, and the swap and handover buttons: the options read (each
// refusal names the option to fix), the use case called, the answer worded.
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActionHandler, CommandHandler, Response } from '../../core/router.js';
import { shortWhen } from '../../core/wording.js';
import { unreachableWarning } from '../members/api.js';
import { issueCalendarFeed } from './calendar.js';
import { confirmHandover } from './handovers.js';
import { calendarMessage, spanText, whoMessage } from './messages.js';
import { namesOf, networkZone, whoIsOnDuty } from './rota.js';
import { dateTimeOption, memberOption, positionOf, text } from './rota-command.js';
import { addShift } from './shifts.js';
import { answerSwap, requestSwap } from './swaps.js';

const toActor = (message: Message): Response => ({ replies: [{ to: 'actor', message }] });

/** Who is on duty now, with a warning when they can be paged in chat only. */
export const whoCommand: CommandHandler = async (ctx) => {
  const duty = await whoIsOnDuty(ctx.tx, ctx.deps, ctx.now);
  const ids = [duty.primary?.coordinatorId, duty.backup?.coordinatorId].filter((x): x is string => Boolean(x));
  const names = await namesOf(ctx.tx, ids);
  const holder = (s: typeof duty.primary) =>
    s ? { name: names.get(s.coordinatorId) ?? 'a coordinator', until: s.endsAt } : undefined;
  const message = whoMessage(holder(duty.primary), holder(duty.backup), await networkZone(ctx.tx, ctx.deps));
  // Whoever is on duty with no verified e-mail or SMS can be paged in chat only (contact methods).
  const unreachable = await unreachableWarning(ctx.tx, ids);
  return toActor(
    unreachable
      ? { ...message, fields: [...(message.fields ?? []), { label: 'Warning', value: unreachable }], tone: 'warning' }
      : message,
  );
};

/** Cover (or a swap written by a coordinator) for a period: it overrides the rota while it lasts. */
export const coverCommand: CommandHandler = async (ctx, options) => {
  const zone = await networkZone(ctx.tx, ctx.deps);
  const startsAt = dateTimeOption(options.from, 'from', zone);
  const endsAt = dateTimeOption(options.to, 'to', zone);
  if (endsAt <= startsAt) throw new Refusal('to: the end should be after the start (from).');
  if (endsAt <= ctx.now) throw new Refusal('That period is already over.');
  const member = await memberOption(ctx, text(options.member), 'member');
  const position = positionOf(options.position);
  const reason = text(options.reason) === 'swap' ? 'swap' : 'cover';
  await addShift(ctx, { position, coordinatorId: member.id, startsAt, endsAt, reason, name: member.displayName });
  return toActor({
    text: `${member.displayName} ${reason === 'swap' ? 'swaps in' : 'covers'} as ${position} from ${shortWhen(startsAt, zone)} to ${shortWhen(endsAt, zone)} (${zone}).`,
    tone: 'success',
  });
};

/** Asks a colleague to take one of the asker's shifts (and perhaps to give one back). */
export const swapCommand: CommandHandler = async (ctx, options) => {
  const zone = await networkZone(ctx.tx, ctx.deps);
  const startsAt = dateTimeOption(options.shift, 'shift', zone);
  const returnStartsAt = text(options.for) ? dateTimeOption(options.for, 'for', zone) : undefined;
  const colleague = await memberOption(ctx, text(options.with), 'with');
  const asked = await requestSwap(ctx, {
    position: positionOf(options.position),
    startsAt,
    returnStartsAt,
    colleague: { id: colleague.id, name: colleague.displayName },
  });
  const back = asked.back ? `, and to give you theirs ${spanText(asked.back, zone)}` : '';
  return toActor({
    text: `Asked ${colleague.displayName} to take your shift ${spanText(asked.shift, zone)}${back} (${zone}). Nothing changes until they accept; you will be told either way.`,
    tone: 'success',
  });
};

/** The colleague's Accept or Decline button. */
export const swapAnswer =
  (accept: boolean): ActionHandler<string> =>
  async (ctx, swapId) => {
    const result = await answerSwap(ctx, swapId, accept);
    return toActor({ text: result.text, tone: result.outcome === 'accepted' ? 'success' : 'info' });
  };

/** A private calendar address, shown once; `change:reset` replaces it. */
export const calendarCommand: CommandHandler = async (ctx, options) => {
  const issued = await issueCalendarFeed(ctx, text(options.change) === 'reset');
  if (issued === 'exists')
    return toActor({
      text: 'You already have a calendar address. It is shown only once, when made; if you no longer have it, or it was shared, get a new one with /duty calendar change:reset (the old one then stops working).',
    });
  return toActor(calendarMessage(issued.url, issued.replaced));
};

/** The incoming coordinator's Confirm handover button. */
export const confirmHandoverAction: ActionHandler<string> = async (ctx, handoverId) => {
  const result = await confirmHandover(ctx, handoverId);
  return toActor({
    text:
      result === 'confirmed'
        ? 'Thank you: handover confirmed. You are the duty coordinator.'
        : 'Already confirmed, thank you.',
    tone: 'success',
  });
};
