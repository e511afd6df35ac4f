// Peer supervision: requests matched to the right peer, offered one at a time, answered and followed
// up; group supervision. Every step is an event on the request's timeline (subjectKind
// 'supervision'). The summary is sealed for the requester and opened only for them and for the
// supervisor who accepted; it is never in an owed message, a channel post or a log.
import { Refusal } from '../../core/refusal.js';
import { idOptionallyWith, idPair, idValue } from '../../core/values.js';
import { action, defineFeature, form } from '../feature.js';
import { requesterAnswer, saveNote, supervisorAnswer } from './after-check.js';
import { actions, groupSessionForm, supervisionNoteForm, supervisionRequestForm } from './forms.js';
import { leaveGroup, recordAttendance, scheduleGroup, signUpForGroup } from './group.js';
import { supervisionHolding } from './holdings.js';
import { supervisionJobs } from './jobs.js';
import { assignByHand, respondToOffer } from './offers.js';
import { askForSupervision, withdrawRequest } from './request.js';
import { coordinatorHome, requesterHome, showSummary, supervisionList, supervisorHome } from './views.js';

// Button values: an offer's, request's or group's id; "<request>:<round>" on the "not yet" buttons;
// "<request>:<supervisor>" to assign by hand, "<group>:<member>" for attendance.
const pair = idPair.transform((value) => {
  const [first = '', second = ''] = value.split(':');
  return { first, second };
});
const withRound = idOptionallyWith(/\d{1,3}/).transform((value) => {
  const [requestId = '', round] = value.split(':');
  return { requestId, round: Number(round ?? 0) };
});
const actorSees = async <T>(reply: Promise<T>) => ({ replies: [{ to: 'actor' as const, message: await reply }] });

export const supervision = defineFeature({
  name: 'supervision',
  commands: {
    'supervision.request': { opens: { form: supervisionRequestForm, context: { via: 'command' } } },
    'supervision.list': async (ctx) => ({
      replies: (await supervisionList(ctx)).map((message) => ({ to: 'actor' as const, message })),
    }),
    'supervision.group': { opens: { form: groupSessionForm } },
  },
  forms: [
    form(supervisionRequestForm, async (ctx, values, context) => ({
      replies: await askForSupervision(ctx, { values, via: context.via }),
    })),
    form(groupSessionForm, async (ctx, values) => ({ replies: await scheduleGroup(ctx, values) })),
    form(supervisionNoteForm, async (ctx, values, context) => {
      if (!context.requestId)
        throw new Refusal('This form is no longer linked to a request. Please use the button again.');
      return {
        replies: await saveNote(ctx, {
          requestId: context.requestId,
          note: values.note,
          followUp: values.followUp,
          safeguarding: values.safeguarding === true,
        }),
      };
    }),
  ],
  actions: [
    action(actions.accept, 'peerSupervisor', idValue, async (ctx, offerId) => ({
      replies: await respondToOffer(ctx, { offerId, answer: 'accept' }),
    })),
    action(actions.decline, 'peerSupervisor', idValue, async (ctx, offerId) => ({
      replies: await respondToOffer(ctx, { offerId, answer: 'decline' }),
    })),
    action(actions.assign, 'coordinator', pair, async (ctx, { first, second }) => ({
      replies: await assignByHand(ctx, { requestId: first, supervisorId: second }),
    })),
    action(actions.showSummary, 'anyMember', idValue, (ctx, requestId) => actorSees(showSummary(ctx, requestId))),
    action(actions.withdraw, 'mentor', idValue, async (ctx, requestId) => ({
      replies: await withdrawRequest(ctx, requestId),
    })),
    action(actions.supervisorHappened, 'peerSupervisor', idValue, async (ctx, requestId) => ({
      replies: await supervisorAnswer(ctx, { requestId, round: 0, answer: 'happened' }),
      form: { form: supervisionNoteForm, context: { requestId } },
    })),
    action(actions.supervisorNotYet, 'peerSupervisor', withRound, async (ctx, value) => ({
      replies: await supervisorAnswer(ctx, { ...value, answer: 'not_yet' }),
    })),
    action(actions.supervisorWontHappen, 'peerSupervisor', idValue, async (ctx, requestId) => ({
      replies: await supervisorAnswer(ctx, { requestId, round: 0, answer: 'wont_happen' }),
    })),
    action(actions.requesterHelped, 'anyMember', idValue, async (ctx, requestId) => ({
      replies: await requesterAnswer(ctx, { requestId, round: 0, answer: 'helped' }),
    })),
    action(actions.requesterNotHelped, 'anyMember', idValue, async (ctx, requestId) => ({
      replies: await requesterAnswer(ctx, { requestId, round: 0, answer: 'not_helped' }),
    })),
    action(actions.requesterNotYet, 'anyMember', withRound, async (ctx, value) => ({
      replies: await requesterAnswer(ctx, { ...value, answer: 'not_yet' }),
    })),
    action(actions.groupSignUp, 'mentor', idValue, async (ctx, groupId) => ({
      replies: await signUpForGroup(ctx, groupId),
    })),
    action(actions.groupLeave, 'anyMember', idValue, async (ctx, groupId) => ({
      replies: await leaveGroup(ctx, groupId),
    })),
    action(actions.groupAttended, 'coordinator', pair, async (ctx, { first, second }) => ({
      replies: await recordAttendance(ctx, { groupId: first, memberId: second }),
    })),
    action(actions.groupNoOthers, 'coordinator', idValue, async (ctx, groupId) => ({
      replies: await recordAttendance(ctx, { groupId }),
    })),
  ],
  home: [
    { precondition: 'mentor', build: requesterHome },
    { precondition: 'peerSupervisor', build: supervisorHome },
    { precondition: 'coordinator', build: coordinatorHome },
  ],
  holdings: [supervisionHolding],
  jobs: supervisionJobs,
});
