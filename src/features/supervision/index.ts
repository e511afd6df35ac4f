// Peer supervision: registers its commands, forms, buttons, home sections, holding and jobs.
import { z } from 'zod';
import type { Message } from '../../core/message.js';
import { Refusal, type Router } from '../../core/router.js';
import { idOptionallyWith, idPair, idValue } from '../../core/values.js';
import { actions, groupSessionForm, requestedMessage, supervisionNoteForm, supervisionRequestForm } from './forms.js';
import {
  assignByHand,
  coordinatorView,
  fairnessSection,
  findPreferredSupervisor,
  homeSummary,
  leaveGroup,
  ownRequestsView,
  recordAttendance,
  requestSupervision,
  requesterAnswer,
  respondToOffer,
  saveNote,
  scheduleGroup,
  showSummary,
  signUpForGroup,
  supervisionHolding,
  supervisorAnswer,
  supervisorView,
  withdrawRequest,
} from './service.js';

const actorReplies = (messages: Message[]) => ({
  replies: messages.map((message) => ({ to: 'actor' as const, message })),
});
const via = z.enum(['command', 'debrief', 'checkin']).catch('command');

export function registerSupervision(router: Router): void {
  router.holding(supervisionHolding);

  router.command('supervision.request', async () => ({
    form: { form: supervisionRequestForm, context: { via: 'command' } },
  }));
  router.form(supervisionRequestForm, async (ctx, values, context) => {
    const preferredSupervisorId = values.preferred
      ? await findPreferredSupervisor(ctx.tx, values.preferred, ctx.actor.memberId)
      : undefined;
    const made = await requestSupervision(ctx, {
      requesterId: ctx.actor.memberId,
      topic: values.topic,
      urgency: values.urgency,
      format: values.format,
      caseCode: values.caseCode,
      summary: values.summary,
      via: via.parse(context.via),
      preferredSupervisorId,
    });
    return actorReplies([requestedMessage(made.number, made.offered)]);
  });

  router.command('supervision.list', async (ctx) => {
    const messages: Message[] = [];
    const roles = ctx.actor.roles;
    if (roles.includes('coordinator')) messages.push(...(await coordinatorView(ctx)));
    if (roles.includes('peer_supervisor')) messages.push(...(await supervisorView(ctx)));
    if (roles.includes('mentor')) messages.push(...(await ownRequestsView(ctx)));
    return actorReplies(messages);
  });

  router.command('supervision.group', async () => ({ form: { form: groupSessionForm } }));
  router.form(groupSessionForm, async (ctx, values) => ({ replies: await scheduleGroup(ctx, values) }));

  // Button values: an offer's, request's or group's id; "<request>:<round>" on the "not yet" buttons;
  // "<request>:<supervisor>" to assign by hand, "<group>:<member>" for attendance.
  router.action(
    actions.accept,
    'peerSupervisor',
    async (ctx, value) => ({ replies: await respondToOffer(ctx, value, 'accept') }),
    idValue,
  );
  router.action(
    actions.decline,
    'peerSupervisor',
    async (ctx, value) => ({ replies: await respondToOffer(ctx, value, 'decline') }),
    idValue,
  );
  router.action(
    actions.assign,
    'coordinator',
    async (ctx, value) => ({ replies: await assignByHand(ctx, value) }),
    idPair,
  );
  router.action(
    actions.showSummary,
    'anyMember',
    async (ctx, value) => actorReplies([await showSummary(ctx, value)]),
    idValue,
  );
  router.action(
    actions.withdraw,
    'mentor',
    async (ctx, value) => ({ replies: await withdrawRequest(ctx, value) }),
    idValue,
  );

  router.action(
    actions.supervisorHappened,
    'peerSupervisor',
    async (ctx, value) => {
      const replies = await supervisorAnswer(ctx, value, 'happened');
      return { replies, form: { form: supervisionNoteForm, context: { requestId: value } } };
    },
    idValue,
  );
  router.action(
    actions.supervisorNotYet,
    'peerSupervisor',
    async (ctx, value) => ({ replies: await supervisorAnswer(ctx, value, 'not_yet') }),
    idOptionallyWith(/\d{1,3}/),
  );
  router.action(
    actions.supervisorWontHappen,
    'peerSupervisor',
    async (ctx, value) => ({ replies: await supervisorAnswer(ctx, value, 'wont_happen') }),
    idValue,
  );
  router.form(supervisionNoteForm, async (ctx, values, context) => {
    if (!context.requestId)
      throw new Refusal('This form is no longer linked to a request. Please use the button again.');
    return {
      replies: await saveNote(ctx, context.requestId, values.note, values.followUp, values.safeguarding === true),
    };
  });
  router.action(
    actions.requesterHelped,
    'anyMember',
    async (ctx, value) => ({ replies: await requesterAnswer(ctx, value, 'helped') }),
    idValue,
  );
  router.action(
    actions.requesterNotHelped,
    'anyMember',
    async (ctx, value) => ({ replies: await requesterAnswer(ctx, value, 'not_helped') }),
    idValue,
  );
  router.action(
    actions.requesterNotYet,
    'anyMember',
    async (ctx, value) => ({ replies: await requesterAnswer(ctx, value, 'not_yet') }),
    idOptionallyWith(/\d{1,3}/),
  );

  router.action(
    actions.groupSignUp,
    'mentor',
    async (ctx, value) => ({ replies: await signUpForGroup(ctx, value) }),
    idValue,
  );
  router.action(
    actions.groupLeave,
    'anyMember',
    async (ctx, value) => ({ replies: await leaveGroup(ctx, value) }),
    idValue,
  );
  router.action(
    actions.groupAttended,
    'coordinator',
    async (ctx, value) => ({ replies: await recordAttendance(ctx, value, false) }),
    idPair,
  );
  router.action(
    actions.groupNoOthers,
    'coordinator',
    async (ctx, value) => ({ replies: await recordAttendance(ctx, value, true) }),
    idValue,
  );

  router.homeSection('mentor', async ({ deps, actor }) =>
    homeSummary(deps.db, actor.memberId, actor.timeZone, 'requester'),
  );
  router.homeSection('peerSupervisor', async ({ deps, actor }) =>
    homeSummary(deps.db, actor.memberId, actor.timeZone, 'supervisor'),
  );
  router.homeSection('coordinator', async ({ deps, now }) => fairnessSection(deps.db, now));
}
