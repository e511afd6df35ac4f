import type { Reply } from '../../core/message.js';
import type { HandlerContext, Response, Router } from '../../core/router.js';
import { idValue } from '../../core/values.js';
import { debriefPrompt, dayAndTime, EMERGENCY, hhmm, SAFE_END_ACTION, sessionPlanForm } from './forms.js';
import { endSession, planSession, startSession } from './service.js';
import { recordTravel } from '../mentors/api.js';

async function end(
  ctx: HandlerContext,
  target: { sessionId?: string; caseCode?: string },
  travel: { minutes?: number; cost?: string } = {},
): Promise<Response> {
  const ended = await endSession(ctx, target);
  if (!ended.alreadyEnded) await recordTravel(ctx.tx, ended.id, ctx.actor.memberId, travel);
  if (ended.alreadyEnded)
    return {
      replies: [
        {
          to: 'actor',
          message: {
            text: `You had already ended your session on ${ended.code}. Thank you; nothing more to do.`,
            tone: 'info',
          },
        },
      ],
    };
  const replies: Reply[] = [{ to: 'actor', message: debriefPrompt(ended.code, ended.id) }];
  // Whoever is checking on an overdue mentor hears at once that they are out and safe.
  for (const number of ended.overdue) {
    replies.push({
      to: 'channel',
      channel: 'coordinators',
      message: {
        text: `${ctx.actor.displayName} has ended their session on ${ended.code} and says they are safe (escalation #${number}). Please still confirm with them and resolve the escalation.`,
        tone: 'info',
      },
    });
  }
  return { replies };
}

export function registerSessions(router: Router): void {
  router.command('session.plan', async (_ctx, options) => ({
    form: {
      form: sessionPlanForm,
      initial: options.case ? { caseCode: String(options.case).toUpperCase() } : undefined,
    },
  }));
  router.form(sessionPlanForm, async (ctx, values) => {
    const planned = await planSession(ctx, values);
    const replies: Reply[] = [
      {
        to: 'actor',
        message: {
          title: `Session planned: ${planned.code}`,
          text: `${dayAndTime(values.start, ctx.actor.timeZone)}, ending about ${hhmm(planned.plannedEnd, ctx.actor.timeZone)}. Use /session start when you begin and /session end when you are out safely; ${ctx.deps.config.SESSION_END_PROMPT_MINUTES} minutes after the planned end you will be asked if you are safe. ${EMERGENCY}`,
          tone: 'success',
        },
      },
    ];
    if (planned.concern !== undefined) {
      replies.push({
        to: 'actor',
        message: {
          text: `The coordinators have been told of your safeguarding concern (concern #${planned.concern}); one of them will take it on.`,
          tone: 'info',
        },
      });
    }
    if (planned.partnerId) {
      replies.push({
        to: 'member',
        memberId: planned.partnerId,
        message: {
          text: `${ctx.actor.displayName} planned a paired session with you on ${planned.code} for ${dayAndTime(values.start, ctx.actor.timeZone)} (${values.expectedMinutes} minutes). You check out separately with /session end.`,
          tone: 'info',
        },
      });
    }
    return { replies };
  });

  router.command('session.start', async (ctx, options) => {
    const started = await startSession(
      ctx,
      String(options.case),
      options.minutes === undefined ? undefined : Number(options.minutes),
    );
    return {
      replies: [
        {
          to: 'actor',
          message: {
            text: `Session on ${started.code} started. Expected end ${hhmm(started.plannedEnd, ctx.actor.timeZone)}; end it with /session end when you are out safely. ${EMERGENCY}`,
            tone: 'success',
          },
        },
      ],
    };
  });

  router.command('session.end', (ctx, options) =>
    end(
      ctx,
      { caseCode: options.case ? String(options.case) : undefined },
      {
        minutes: options.travel_minutes === undefined ? undefined : Number(options.travel_minutes),
        cost: options.travel_cost === undefined ? undefined : String(options.travel_cost),
      },
    ),
  );
  router.action(SAFE_END_ACTION, 'mentor', (ctx, sessionId) => end(ctx, { sessionId }), idValue);
}
