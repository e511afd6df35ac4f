// After a request is accepted: both sides asked whether it happened (and whether it helped), asked
// again after a "not yet", the supervisor's sealed note and follow-up date, and its reminder.
import type { Reply } from '../../core/message.js';
import { localToInstant } from '../../core/local-time.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { isUuid } from '../../core/values.js';
import { when } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { recordConcern } from '../concerns/api.js';
import { actions } from './forms.js';
import { jobKindsOf } from './job-kinds.js';
import { askRequesterMessage, askSupervisorMessage } from './messages.js';
import { nameOf } from './people.js';
import { AFTER_REASK_LIMIT, AFTER_REASK_MS } from './policy.js';
import { lockRequest, noteBinding, type RequestRow } from './request-row.js';
import { send, SUBJECT, timeline } from './timeline.js';

type Side = 'requester' | 'supervisor';

async function answered(tx: Tx, requestId: string, by: Side): Promise<boolean> {
  return (
    (await tx.event.count({
      where: {
        subjectKind: SUBJECT,
        subjectId: requestId,
        kind: 'supervision.after_answered',
        data: { path: ['by'], equals: by },
      },
    })) > 0
  );
}

/** The after-check job: asks one side whether the supervision happened. */
export async function askAfter(
  ctx: UseCaseContext,
  input: { requestId: string; to: Side; round: number },
): Promise<void> {
  const { to, round } = input;
  const req = await lockRequest(ctx.tx, input.requestId);
  if (req.status !== 'accepted' || !req.acceptedById || (await answered(ctx.tx, req.id, to))) return;
  await timeline(ctx, req.id, 'after_asked', { to, round });
  if (to === 'supervisor')
    await send(ctx, {
      to: 'member',
      memberId: req.acceptedById,
      message: askSupervisorMessage(req, await nameOf(ctx.tx, req.requesterId), round),
    });
  else
    await send(ctx, {
      to: 'member',
      memberId: req.requesterId,
      message: askRequesterMessage(req, await nameOf(ctx.tx, req.acceptedById), round),
    });
}

async function closeIfDone(ctx: UseCaseContext, req: RequestRow): Promise<void> {
  if ((await answered(ctx.tx, req.id, 'requester')) && (await answered(ctx.tx, req.id, 'supervisor'))) {
    await ctx.tx.supervisionRequest.update({
      where: { id: req.id },
      data: { status: 'closed', closedAt: ctx.now, epoch: { increment: 1 } },
    });
    await timeline(ctx, req.id, 'closed');
  }
}

async function ownAccepted(ctx: ActorContext, requestId: string, as: Side): Promise<RequestRow> {
  // Buttons are parsed by the router; the note form's context is checked here.
  if (!isUuid(requestId)) throw new Refusal('That button is no longer valid.', 'bad_button');
  const req = await lockRequest(ctx.tx, requestId);
  const who = as === 'requester' ? req.requesterId : req.acceptedById;
  if (who !== ctx.actor.memberId)
    throw new Refusal('This question was for someone else, so it cannot be answered here.', 'not_owner');
  if (req.status !== 'accepted' && !(req.status === 'closed' && as === 'supervisor'))
    throw new Refusal(`Request #${req.number} is already ${req.status}; nothing more is needed. Thank you.`, 'closed');
  return req;
}

/** A button's answer to an after-check: the request, and the round a "not yet" answers. */
export interface AfterAnswer {
  requestId: string;
  round: number;
}

/** The supervisor's answer: it happened (the note form follows), not yet, or it will not happen. */
export async function supervisorAnswer(
  ctx: ActorContext,
  input: AfterAnswer & { answer: 'happened' | 'not_yet' | 'wont_happen' },
): Promise<Reply[]> {
  const { answer } = input;
  const req = await ownAccepted(ctx, input.requestId, 'supervisor');
  if (req.status === 'closed' && answer !== 'happened')
    throw new Refusal(`Request #${req.number} is already closed; nothing more is needed. Thank you.`, 'closed');
  if (answer === 'not_yet')
    return [{ to: 'actor', message: { text: await reask(ctx, req, 'supervisor', input.round) } }];
  if (await answered(ctx.tx, req.id, 'supervisor')) {
    if (answer === 'happened') return [];
    throw new Refusal('You have already answered for this request. Thank you.', 'closed');
  }
  await timeline(
    ctx,
    req.id,
    'after_answered',
    { by: 'supervisor', happened: answer === 'happened' },
    ctx.actor.memberId,
  );
  if (answer === 'happened') {
    await ctx.tx.supervisionRequest.update({ where: { id: req.id }, data: { happened: true } });
    await closeIfDone(ctx, req);
    return [];
  }
  await ctx.tx.supervisionRequest.update({
    where: { id: req.id },
    data: { happened: false, status: 'closed', closedAt: ctx.now, epoch: req.epoch + 1 },
  });
  await timeline(ctx, req.id, 'closed', { happened: false });
  await send(ctx, {
    to: 'member',
    memberId: req.requesterId,
    message: {
      text: `${ctx.actor.displayName} let us know that the supervision for request #${req.number} could not happen. If you would still like to talk it through, /supervision request asks again; you do not have to carry it alone.`,
    },
  });
  return [
    {
      to: 'actor',
      message: {
        text: `Thank you. Request #${req.number} is closed, and ${await nameOf(ctx.tx, req.requesterId)} knows they can ask again.`,
      },
    },
  ];
}

/** The requester's answer: it helped, it did not help much, or not yet. */
export async function requesterAnswer(
  ctx: ActorContext,
  input: AfterAnswer & { answer: 'helped' | 'not_helped' | 'not_yet' },
): Promise<Reply[]> {
  const { answer } = input;
  const req = await ownAccepted(ctx, input.requestId, 'requester');
  if (answer === 'not_yet')
    return [{ to: 'actor', message: { text: await reask(ctx, req, 'requester', input.round) } }];
  if (await answered(ctx.tx, req.id, 'requester'))
    throw new Refusal('You have already answered for this request. Thank you.', 'closed');
  await timeline(
    ctx,
    req.id,
    'after_answered',
    { by: 'requester', happened: true, helped: answer === 'helped' },
    ctx.actor.memberId,
  );
  await ctx.tx.supervisionRequest.update({
    where: { id: req.id },
    data: { helped: answer === 'helped', happened: req.happened ?? true },
  });
  await closeIfDone(ctx, req);
  return [
    {
      to: 'actor',
      message: {
        text:
          answer === 'helped'
            ? 'Thank you; glad it helped. You can ask again any time with /supervision request.'
            : 'Thank you for saying so. If you would like a different perspective, /supervision request can name a preferred supervisor, and group supervision is another option.',
      },
    },
  ];
}

async function reask(ctx: ActorContext, req: RequestRow, to: Side, round: number): Promise<string> {
  const next = (Number.isInteger(round) ? round : 0) + 1;
  await timeline(ctx, req.id, 'after_not_yet', { by: to, round });
  if (next > AFTER_REASK_LIMIT)
    return 'Thank you. We will not ask again; if it does not happen, /supervision list lets you withdraw or ask again.';
  await enqueueJob(ctx.tx, {
    kind: jobKindsOf.after,
    dueAt: new Date(ctx.now.getTime() + AFTER_REASK_MS),
    subject: { kind: SUBJECT, id: req.id },
    fence: String(req.epoch),
    payload: { to, round: next },
    dedupeKey: `supervision-after:${req.id}:${req.epoch}:${to}:${next}`,
  });
  return 'Thank you. We will ask again in two days.';
}

/** The note form: a sealed note, an optional follow-up date, and a safeguarding concern if marked. */
export async function saveNote(
  ctx: ActorContext,
  input: { requestId: string; note?: string; followUp?: string; safeguarding: boolean },
): Promise<Reply[]> {
  const { note, followUp } = input;
  const req = await ownAccepted(ctx, input.requestId, 'supervisor');
  let followUpAt: Date | null = null;
  if (followUp) {
    followUpAt = localToInstant(followUp, { hour: 9, minute: 0 }, ctx.actor.timeZone);
    if (followUpAt <= ctx.now)
      throw new Refusal(
        'The follow-up date should be in the future (its reminder comes at 09:00 your time). Nothing was saved yet.',
      );
  }
  await ctx.tx.supervisionRequest.update({
    where: { id: req.id },
    data: {
      supervisorNoteEnc: note
        ? await ctx.deps.vault.seal(ctx.tx, note, noteBinding(req.id), { kind: 'member', id: req.requesterId })
        : req.supervisorNoteEnc,
      followUpAt: followUpAt ?? req.followUpAt,
    },
  });
  await timeline(
    ctx,
    req.id,
    'note_recorded',
    { note: !!note, followUpAt: followUpAt?.toISOString() ?? null },
    ctx.actor.memberId,
  );
  if (followUpAt) {
    await enqueueJob(ctx.tx, {
      kind: jobKindsOf.followUp,
      dueAt: followUpAt,
      subject: { kind: SUBJECT, id: req.id },
      fence: followUpAt.toISOString(),
      dedupeKey: `supervision-follow-up:${req.id}:${followUpAt.toISOString()}`,
    });
  }
  // A note marked as a safeguarding concern goes to the coordinators, with the request's case if any.
  const concern = input.safeguarding
    ? await recordConcern(ctx, {
        caseCode: req.caseCode,
        source: 'supervision',
        sourceId: req.id,
        category: 'other',
        urgency: 'today',
        account: note,
        raisedById: ctx.actor.memberId,
      })
    : undefined;
  const told = concern ? ` The coordinators have been told of the concern (concern #${concern.number}).` : '';
  return [
    {
      to: 'actor',
      message: {
        text: `Saved${followUpAt ? `; you will get a reminder on ${when(followUpAt, ctx.actor.timeZone)}` : ''}.${told} Thank you for supporting a colleague.`,
        tone: 'success',
      },
    },
  ];
}

/** The follow-up reminder, fenced by the follow-up time so a changed date silences the old one. */
export async function remindFollowUp(ctx: UseCaseContext, requestId: string): Promise<void> {
  const req = await ctx.tx.supervisionRequest.findUnique({ where: { id: requestId } });
  if (!req?.acceptedById) return;
  await timeline(ctx, req.id, 'follow_up_reminded', { supervisorId: req.acceptedById });
  await send(ctx, {
    to: 'member',
    memberId: req.acceptedById,
    message: {
      title: 'A follow-up you planned',
      text: `You planned to follow up with ${await nameOf(ctx.tx, req.requesterId)} today about supervision request #${req.number}. Your note is in /supervision list.`,
      buttons: [{ actionId: actions.showSummary, label: 'Show the request', value: req.id }],
    },
  });
}
