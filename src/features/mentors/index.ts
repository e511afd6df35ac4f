// Mentor records, matching, workload and post-incident support: the declaration of what this
// feature adds to an app (the use cases are in the modules beside it).
import type { Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import { idPair, idValue, idWith, isUuid } from '../../core/values.js';
import { assignAndTell } from '../cases/api.js';
import { action, defineFeature, form } from '../feature.js';
import { CONFIRM_SUPERVISION, confirmHappened, coverageMessage, supervisionCoverage } from '../supervision/api.js';
import { addCheck } from './checks.js';
import { mentorCheckForm, mentorEditForm, mentorTrainingForm, trimFollowUpForm, trimPlanForm } from './forms.js';
import { hoursAsked } from './hours.js';
import { mentorJobs, mentorSeries } from './jobs.js';
import { chosenFromButton } from './matching.js';
import {
  actions,
  checkRecorded,
  followUpsMessage,
  hoursMessage,
  mentorRecordMessage,
  namedWording,
  SUPPORT_DECLINED,
  supportAccepted,
} from './messages.js';
import { TRIM_STAGES } from './policy.js';
import { editInitial, editRecord, findMentor, mentorIdOf, mentorView, namedMentor } from './record.js';
import { addTraining } from './training.js';
import { acceptSupport, declineSupport, namePeople, ownFollowUps, planInitial, recordFollowUp } from './trim.js';

const say = (text: string, tone: 'info' | 'success' | 'warning' = 'success') => ({
  replies: [{ to: 'actor' as const, message: { text, tone } }],
});
const stageValue = idWith(TRIM_STAGES);
const formGone = () => new Refusal('That form is no longer valid.', 'bad_button');

export const mentors = defineFeature({
  name: 'mentors',
  commands: {
    'mentor.show': async (ctx, options) => {
      const member = await namedMentor(ctx, options.member);
      const own = member.id === ctx.actor.memberId;
      return { replies: [{ to: 'actor', message: mentorRecordMessage(await mentorView(ctx, member.id), own) }] };
    },
    'mentor.edit': async (ctx, options) => {
      const member = await findMentor(ctx, String(options.member));
      const initial = await editInitial(ctx, member.id);
      return { form: { form: mentorEditForm, initial, context: { memberId: member.id } } };
    },
    'mentor.check': async (ctx, options) => ({
      form: { form: mentorCheckForm, context: { memberId: (await findMentor(ctx, String(options.member))).id } },
    }),
    'mentor.training': async (ctx, options) => ({
      form: { form: mentorTrainingForm, context: { memberId: (await findMentor(ctx, String(options.member))).id } },
    }),
    'mentor.hours': async (ctx, options) => {
      const { name, hours } = await hoursAsked(ctx, options);
      return { replies: [{ to: 'actor', message: hoursMessage(name, hours) }] };
    },
    'mentor.support': async (ctx) => ({
      replies: [{ to: 'actor', message: followUpsMessage(await ownFollowUps(ctx)) }],
    }),
    'supervision.coverage': async (ctx) => ({
      replies: [{ to: 'actor', message: coverageMessage(await supervisionCoverage(ctx)) }],
    }),
  },
  forms: [
    form(mentorEditForm, async (ctx, values, context) => {
      const { name } = await editRecord(ctx, mentorIdOf(context), values);
      return say(`${name}’s mentor record is saved.`);
    }),
    form(mentorCheckForm, async (ctx, values, context) => {
      const result = await addCheck(ctx, mentorIdOf(context), values);
      return { replies: [{ to: 'actor', message: checkRecorded(result) }] };
    }),
    form(mentorTrainingForm, async (ctx, values, context) => {
      const result = await addTraining(ctx, mentorIdOf(context), values);
      return say(`Training "${result.module}" for ${result.name} is recorded.`);
    }),
    form(trimPlanForm, async (ctx, values, context) => {
      if (!isUuid(context.escalationId)) throw formGone();
      return say(namedWording(await namePeople(ctx, context.escalationId, values)));
    }),
    form(trimFollowUpForm, async (ctx, values, context) => {
      const stage = TRIM_STAGES.find((s) => s === context.stage);
      if (!isUuid(context.supportId) || !stage) throw formGone();
      const name = await recordFollowUp(ctx, context.supportId, stage, values);
      return say(
        `Your follow-up with ${name} is recorded and sealed: only the two of you can read it (/mentor support).`,
      );
    }),
  ],
  actions: [
    action(CONFIRM_SUPERVISION, 'anyMember', idValue, async (ctx, id) => say(await confirmHappened(ctx, id))),
    action(actions.choose, 'coordinator', idPair, async (ctx, pair) => {
      const chosen = await chosenFromButton(ctx, pair);
      return assignAndTell(ctx, { code: chosen.code, member: chosen.memberName, role: 'mentor' });
    }),
    action(actions.planNames, 'coordinator', idValue, async (ctx, escalationId) => ({
      form: { form: trimPlanForm, initial: await planInitial(ctx, escalationId), context: { escalationId } },
    })),
    action(actions.accept, 'anyMember', stageValue, async (ctx, { id, tail }) => {
      const result = await acceptSupport(ctx, id, tail);
      const reply: Reply = { to: 'actor', message: supportAccepted(result.practitioner) };
      return { replies: [reply, ...result.replies] };
    }),
    action(actions.decline, 'anyMember', idValue, async (ctx, id) => {
      await declineSupport(ctx, id);
      return say(SUPPORT_DECLINED, 'info');
    }),
    action(actions.followUp, 'anyMember', stageValue, async (_ctx, { id, tail }) => ({
      form: { form: trimFollowUpForm, context: { supportId: id, stage: tail } },
    })),
  ],
  jobs: mentorJobs,
  series: mentorSeries,
});
