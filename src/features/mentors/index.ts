import { DateTime } from 'luxon';
import type { Reply } from '../../core/message.js';
import { Refusal, type HandlerContext, type Router } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { idPair, idValue, idWith, isUuid } from '../../core/values.js';
import { assignAndTell } from '../cases/api.js';
import { CONFIRM_SUPERVISION, confirmHappened } from '../supervision/api.js';
import { coverageMessage, supervisionCoverage } from '../supervision/api.js';
import { addCheck } from './checks.js';
import { mentorCheckForm, mentorEditForm, mentorTrainingForm, trimFollowUpForm, trimPlanForm } from './forms.js';
import { monthHours } from './hours.js';
import { chosenFromButton } from './matching.js';
import { actions, hoursMessage, mentorRecordMessage } from './messages.js';
import { monthPattern, TRIM_STAGES } from './policy.js';
import { editInitial, editRecord, findMentor, mentorView } from './record.js';
import { addTraining } from './training.js';
import { acceptSupport, declineSupport, namePeople, ownFollowUps, planInitial, recordFollowUp } from './trim.js';

const say = (text: string, tone: 'info' | 'success' | 'warning' = 'success') => ({
  replies: [{ to: 'actor' as const, message: { text, tone } }],
});
const stageValue = idWith(TRIM_STAGES);

/** The mentor a command names; a mentor without coordinator rights may name only themselves. */
async function namedMentor(ctx: HandlerContext, ref: unknown) {
  const member = await findMentor(ctx, ref ? String(ref) : ctx.actor.displayName);
  if (member.id !== ctx.actor.memberId && !ctx.actor.roles.includes('coordinator'))
    throw new Refusal('You can see only your own mentor record and hours.', 'not_owner');
  return member;
}

const memberIdOf = (context: Record<string, string>) => {
  if (!isUuid(context.memberId))
    throw new Refusal('That form is no longer valid; please start again with the command.', 'bad_button');
  return context.memberId;
};

export function registerMentors(router: Router): void {
  router.command('mentor.show', async (ctx, options) => {
    const member = await namedMentor(ctx, options.member);
    return {
      replies: [
        {
          to: 'actor',
          message: mentorRecordMessage(await mentorView(ctx, member.id), member.id === ctx.actor.memberId),
        },
      ],
    };
  });

  router.command('mentor.edit', async (ctx, options) => {
    const member = await findMentor(ctx, String(options.member));
    return {
      form: { form: mentorEditForm, initial: await editInitial(ctx, member.id), context: { memberId: member.id } },
    };
  });
  router.form(mentorEditForm, async (ctx, values, context) => {
    const { name } = await editRecord(ctx, memberIdOf(context), values);
    return say(`${name}’s mentor record is saved.`);
  });

  router.command('mentor.check', async (ctx, options) => ({
    form: { form: mentorCheckForm, context: { memberId: (await findMentor(ctx, String(options.member))).id } },
  }));
  router.form(mentorCheckForm, async (ctx, values, context) => {
    const result = await addCheck(ctx, memberIdOf(context), values);
    return result.lapsed
      ? say(
          `${result.label} for ${result.name} is recorded, and it has lapsed: ${result.name} cannot be assigned new cases until a current check is recorded (or a coordinator overrides with a reason).`,
          'warning',
        )
      : say(
          `${result.label} for ${result.name} is recorded. Coordinators are reminded 30 days and 7 days before it expires, and on the day.`,
        );
  });

  router.command('mentor.training', async (ctx, options) => ({
    form: { form: mentorTrainingForm, context: { memberId: (await findMentor(ctx, String(options.member))).id } },
  }));
  router.form(mentorTrainingForm, async (ctx, values, context) => {
    const result = await addTraining(ctx, memberIdOf(context), values);
    return say(`Training "${result.module}" for ${result.name} is recorded.`);
  });

  router.command('mentor.hours', async (ctx, options) => {
    const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps.config);
    const asMonth = options.month === undefined && monthPattern.test(String(options.member ?? ''));
    const month = String(
      asMonth
        ? options.member
        : (options.month ?? DateTime.fromJSDate(ctx.now, { zone: networkTimeZone }).toFormat('yyyy-MM')),
    );
    if (!monthPattern.test(month)) throw new Refusal('month: please give it as YYYY-MM, for example 2026-11.');
    const member = await namedMentor(ctx, asMonth ? undefined : options.member);
    return {
      replies: [
        {
          to: 'actor',
          message: hoursMessage(member.displayName, await monthHours(ctx.tx, ctx.deps, member.id, month)),
        },
      ],
    };
  });

  router.command('mentor.support', async (ctx) => {
    const fields = await ownFollowUps(ctx);
    return {
      replies: [
        {
          to: 'actor',
          message: {
            title: 'Post-incident follow-ups',
            text: fields.length ? 'Only you and the other person named can read these.' : 'None recorded with you.',
            fields,
          },
        },
      ],
    };
  });

  router.command('supervision.coverage', async (ctx) => ({
    replies: [{ to: 'actor', message: coverageMessage(await supervisionCoverage(ctx)) }],
  }));
  router.action(CONFIRM_SUPERVISION, 'anyMember', async (ctx, id) => say(await confirmHappened(ctx, id)), idValue);

  router.action(
    actions.choose,
    'coordinator',
    async (ctx, pair) => {
      const chosen = await chosenFromButton(ctx, pair);
      return assignAndTell(ctx, { code: chosen.code, member: chosen.memberName, role: 'mentor' });
    },
    idPair,
  );

  router.action(
    actions.planNames,
    'coordinator',
    async (ctx, escalationId) => ({
      form: { form: trimPlanForm, initial: await planInitial(ctx, escalationId), context: { escalationId } },
    }),
    idValue,
  );
  router.form(trimPlanForm, async (ctx, values, context) => {
    if (!isUuid(context.escalationId)) throw new Refusal('That form is no longer valid.', 'bad_button');
    const named = await namePeople(ctx, context.escalationId, values);
    return say(
      named.length
        ? `Support will be offered to ${named.join(', ')} at 72 hours and at 4 weeks; each can say no.`
        : 'Nobody else was named, so no further support is offered. Thank you.',
    );
  });
  router.action(
    actions.accept,
    'anyMember',
    async (ctx, { id, tail }) => {
      const result = await acceptSupport(ctx, id, tail);
      const text = result.practitioner
        ? `${result.practitioner}, a trained TRiM practitioner, will be in touch privately.`
        : 'A coordinator is finding a trained TRiM practitioner for you.';
      return { replies: [{ to: 'actor', message: { text, tone: 'success' } } as Reply, ...result.replies] };
    },
    stageValue,
  );
  router.action(
    actions.decline,
    'anyMember',
    async (ctx, id) => {
      await declineSupport(ctx, id);
      return say(
        'Understood. You will not be asked again about this incident. If that changes, any coordinator can arrange support.',
        'info',
      );
    },
    idValue,
  );
  router.action(
    actions.followUp,
    'anyMember',
    async (_ctx, { id, tail }) => ({ form: { form: trimFollowUpForm, context: { supportId: id, stage: tail } } }),
    stageValue,
  );
  router.form(trimFollowUpForm, async (ctx, values, context) => {
    const stage = TRIM_STAGES.find((s) => s === context.stage);
    if (!isUuid(context.supportId) || !stage) throw new Refusal('That form is no longer valid.', 'bad_button');
    const name = await recordFollowUp(ctx, context.supportId, stage, values);
    return say(
      `Your follow-up with ${name} is recorded and sealed: only the two of you can read it (/mentor support).`,
    );
  });
}
