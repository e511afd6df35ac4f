import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Message } from '../../core/message.js';
import { Refusal, type HandlerContext, type Response, type Router } from '../../core/router.js';
import { idValue, idWith } from '../../core/values.js';
import { actions, checkinMoreForm, checkinSettingsForm, coordinatorSection, ownSection } from './forms.js';
import {
  ANSWERS,
  CONSENTS,
  defaultConsent,
  toHhmm,
  toMinute,
  trendLine,
  welfareDefaults,
  type Answer,
  type Consent,
} from './policy.js';
import {
  addToAnswer,
  answerCheckin,
  answerFormInitial,
  askForCall,
  checkinNow,
  closeFollowUp,
  ensureEnrolled,
  followUpHolding,
  networkTotals,
  nextScheduledFor,
  ownHistory,
  saveSchedule,
  scheduleOf,
  snoozeCheckin,
} from './service.js';

const say = (text: string, extra: Omit<Message, 'text'> = {}): Response => ({
  replies: [{ to: 'actor', message: { text, ...extra } }],
});
const localTime = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat("cccc d LLLL 'at' HH:mm");

async function supporterName(ctx: Pick<HandlerContext, 'tx' | 'actor'>): Promise<string | null> {
  const me = await ctx.tx.member.findUniqueOrThrow({
    where: { id: ctx.actor.memberId },
    select: { supporterId: true },
  });
  if (!me.supporterId) return null;
  return (
    (
      await ctx.tx.member.findFirst({
        where: { id: me.supporterId, status: { not: 'left' } },
        select: { displayName: true },
      })
    )?.displayName ?? null
  );
}

/**
 * INTEGRATION POINT (supervision): the button opens supervision's request form when that capability
 * is registered; until then the mentor is pointed to /supervision request.
 */
function supervisionOffer(router: Router): Response {
  const form = router.getForm('supervision-request');
  if (form) return { form: { form, initial: {}, context: { via: 'checkin' } } };
  return say(
    'To ask for peer supervision, use /supervision request. Only the peer supervisor who accepts sees your summary.',
  );
}

export function registerWelfare(router: Router): void {
  router.holding(followUpHolding);

  router.command('checkin.now', async (ctx) => ({ replies: [{ to: 'actor', message: await checkinNow(ctx) }] }));

  router.command('checkin.settings', async (ctx) => {
    await ensureEnrolled(ctx, ctx.actor.memberId);
    const s = await scheduleOf(ctx.tx, ctx.deps, ctx.actor.memberId);
    const supporter = await supporterName(ctx);
    const consent = (s.consent as Consent | null) ?? defaultConsent(!!supporter);
    const trend = trendLine(await ownHistory(ctx.tx, ctx.actor.memberId));
    return {
      form: {
        form: {
          ...checkinSettingsForm,
          intro: `Times are in your time zone (${ctx.actor.timeZone}); if a clock change skips your time, it comes at the first minute after; if it repeats, once. Your answers are seen by default by: ${consent === 'supporter' && !supporter ? 'you and the duty coordinator (you have no chosen supporter)' : consent === 'supporter' ? `you and ${supporter}` : 'only you'}. Your last answers: ${trend}`,
        },
        initial: {
          days: s.weekdays.map(String).join(','),
          time: toHhmm(s.minute),
          paused: s.paused ? 'yes' : 'no',
          consent,
        },
      },
    };
  });

  router.form(checkinSettingsForm, async (ctx, values) => {
    const weekdays = values.days.map(Number).sort();
    const next = await saveSchedule(ctx, {
      weekdays,
      minute: toMinute(values.time)!,
      paused: values.paused,
      consent: values.consent,
    });
    if (values.paused)
      return say('Check-ins are paused. Turn them back on any time with /checkin settings. Look after yourself.', {
        tone: 'success',
      });
    return say(
      `Saved. Your next check-in is on ${next ? localTime(next, ctx.actor.timeZone) : 'your next chosen day'} (${ctx.actor.timeZone}).`,
      { tone: 'success' },
    );
  });

  // "<check-in id>:<answer>"
  router.action(
    actions.answer,
    'mentor',
    async (ctx, { id, tail }) => ({ replies: await answerCheckin(ctx, id, tail) }),
    idWith<Answer>(ANSWERS),
  );

  router.action(
    actions.snooze,
    'mentor',
    async (ctx, checkinId) => {
      const at = await snoozeCheckin(ctx, checkinId);
      return say(`Of course. I will ask again on ${localTime(at, ctx.actor.timeZone)}.`);
    },
    idValue,
  );

  router.action(
    actions.more,
    'mentor',
    async (ctx, checkinId) => {
      const initial = await answerFormInitial(ctx, checkinId);
      return {
        form: {
          form: checkinMoreForm,
          initial: { consent: initial.consent, wants: initial.wants },
          context: { checkinId },
        },
      };
    },
    idValue,
  );

  router.form(checkinMoreForm, async (ctx, values, context) => {
    if (!CONSENTS.includes(values.consent)) throw new Refusal('Please choose who can see this answer.');
    await addToAnswer(ctx, context.checkinId ?? '', {
      weighing: values.weighing,
      wants: values.wants,
      consent: values.consent,
    });
    return say('Saved, privately. Thank you for taking a moment for yourself.', { tone: 'success' });
  });

  router.action(
    actions.askCall,
    'mentor',
    async (ctx, checkinId) => {
      const asked = await askForCall(ctx, checkinId);
      if (!asked)
        return say(
          `There is nobody I can ask right now, sorry. Please use the support lines: ${welfareDefaults(ctx.deps.config).supportLines}. If anyone's life is in immediate danger, call 999 first.`,
          { tone: 'warning' },
        );
      return say(
        `I have asked ${asked} to give you a call. They are told only that you would welcome a call, nothing more.`,
        { tone: 'success' },
      );
    },
    idValue,
  );

  router.action(actions.supervision, 'mentor', async () => supervisionOffer(router), z.literal('checkin'));

  // "<follow-up id>:reached_out" or "<follow-up id>:no_need"
  router.action(
    actions.close,
    'anyMember',
    async (ctx, { id, tail: closure }) => {
      const name = await closeFollowUp(ctx, id, closure);
      return say(
        closure === 'reached_out'
          ? `Thank you for reaching out to ${name}.`
          : `Noted: no need to reach out to ${name} this time. Thank you.`,
        { tone: 'success' },
      );
    },
    idWith(['reached_out', 'no_need']),
  );

  router.homeSection('mentor', async ({ deps, actor, now }) => {
    const history = await ownHistory(deps.db, actor.memberId);
    return deps.db.$transaction(async (tx) => {
      await ensureEnrolled({ deps, tx, now }, actor.memberId);
      const s = await scheduleOf(tx, deps, actor.memberId);
      const supporter = await supporterName({ tx, actor });
      const next = await nextScheduledFor({ deps, tx, now }, actor.memberId);
      return ownSection({
        trend: trendLine(history),
        count: history.length,
        next: next ? localTime(next, actor.timeZone) : null,
        consent: (s.consent as Consent | null) ?? defaultConsent(!!supporter),
        supporterName: supporter,
      });
    });
  });

  router.homeSection('coordinator', async ({ deps, actor, now }) =>
    coordinatorSection(await networkTotals(deps.db, actor.memberId, now)),
  );
}
