// Peer supervision: requests matched to the right peer, offered one at a time, answered, followed
// up; and group supervision. Every step is an event on the request's timeline (subjectKind
// 'supervision'). The summary is sealed for the requester and opened only for them and for the
// supervisor who accepted; it is never in an owed message, a channel post or a log.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { Holding } from '../../core/holdings.js';
import { localToInstant } from '../../core/local-time.js';
import type { Message, Reply } from '../../core/message.js';
import type { Platform } from '../../core/roles.js';
import { Refusal, type HandlerContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { isUuid } from '../../core/values.js';
import type { Tx } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { activeCaseMembers } from '../cases/api.js';
import { recordConcern } from '../concerns/api.js';
import { actions, caseCodePattern, EMERGENCY, groupTopicChoices } from './forms.js';
import {
  AFTER_REASK_LIMIT,
  AFTER_REASK_MS,
  afterCheckAt,
  defaultOfferMinutes,
  exclusionOf,
  explainRank,
  formatLabel,
  formats,
  median,
  offerWindowMs,
  openStatuses,
  plainDuration,
  rankSupervisors,
  topicLabel,
  topics,
  urgencies,
  urgencyLabel,
  type Candidate,
  type Reasons,
  type Topic,
  type Urgency,
} from './policy.js';

export interface ServiceCtx {
  tx: Tx;
  deps: Deps;
  now: Date;
  surface?: Platform;
}

export const jobKindsOf = {
  offerExpired: 'supervision.offer-expired',
  advance: 'supervision.advance',
  after: 'supervision.after',
  followUp: 'supervision.follow-up',
  groupReminder: 'supervision.group-reminder',
  groupAttendance: 'supervision.group-attendance',
} as const;

const SUBJECT = 'supervision';
const GROUP_SUBJECT = 'supervision_group';

const summaryBinding = (id: string) => ({ table: 'SupervisionRequest', column: 'summaryEnc', rowId: id });
const noteBinding = (id: string) => ({ table: 'SupervisionRequest', column: 'supervisorNoteEnc', rowId: id });
const offerKey = (offerId: string) => `supervision-offer:${offerId}`;
const groupKey = (groupId: string) => `supervision-group:${groupId}`;

type EventData = Record<string, string | number | boolean | null | string[]>;

const timeline = (ctx: ServiceCtx, requestId: string, kind: string, data: EventData = {}, actorId?: string) =>
  recordEvent(ctx.tx, {
    subjectKind: SUBJECT,
    subjectId: requestId,
    kind: `supervision.${kind}`,
    at: ctx.now,
    actorId,
    surface: ctx.surface,
    data,
  });

const send = (ctx: ServiceCtx, reply: Exclude<Reply, { to: 'actor' }>) => ctx.deps.outbox.enqueue(ctx.tx, reply);

const when = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy, HH:mm');

/** Configured offer windows, in minutes, falling back to the defaults. */
export function offerMinutes(config: Deps['config']): Record<Urgency, number> {
  const c = config as Partial<
    Record<
      'SUPERVISION_OFFER_TODAY_MINUTES' | 'SUPERVISION_OFFER_THIS_WEEK_MINUTES' | 'SUPERVISION_OFFER_ROUTINE_MINUTES',
      number
    >
  >;
  return {
    today: c.SUPERVISION_OFFER_TODAY_MINUTES ?? defaultOfferMinutes.today,
    this_week: c.SUPERVISION_OFFER_THIS_WEEK_MINUTES ?? defaultOfferMinutes.this_week,
    routine: c.SUPERVISION_OFFER_ROUTINE_MINUTES ?? defaultOfferMinutes.routine,
  };
}

type RequestRow = NonNullable<Awaited<ReturnType<Tx['supervisionRequest']['findUnique']>>>;

/** Locks the request row, so offers, answers and timers about it happen one at a time. */
async function lockRequest(tx: Tx, id: string): Promise<RequestRow> {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM "SupervisionRequest" WHERE "id" = ${id}::uuid FOR UPDATE`;
  if (!locked.length) throw new Refusal('That supervision request no longer exists.', 'not_found');
  return tx.supervisionRequest.findUniqueOrThrow({ where: { id } });
}

/** The fencing token of a request's timers: its epoch, read under a row lock. */
export async function requestEpoch(tx: Tx, id: string): Promise<string | null> {
  const rows = await tx.$queryRaw<
    { epoch: number }[]
  >`SELECT "epoch" FROM "SupervisionRequest" WHERE "id" = ${id}::uuid FOR UPDATE`;
  return rows[0] ? String(rows[0].epoch) : null;
}

async function nameOf(tx: Tx, memberId: string | null | undefined): Promise<string> {
  if (!memberId) return 'someone';
  return (
    (await tx.member.findUnique({ where: { id: memberId }, select: { displayName: true } }))?.displayName ?? 'someone'
  );
}

// ---------------------------------------------------------------------------------------------
// Requesting

const requestInput = z.object({
  requesterId: z.uuid(),
  // Another feature's label never fails its caller's transaction: an unknown topic is "other".
  topic: z.string().transform((t): Topic => ((topics as string[]).includes(t) ? (t as Topic) : 'other')),
  urgency: z.enum(urgencies),
  format: z.enum(formats),
  caseCode: z
    .string()
    .trim()
    .regex(caseCodePattern.regex)
    .transform((s) => s.toUpperCase())
    .optional(),
  summary: z
    .string()
    .trim()
    .max(3000)
    .transform((t) => t || '(no summary given)'),
  via: z.enum(['command', 'debrief', 'checkin']),
  preferredSupervisorId: z.uuid().optional(),
});

export type RequestSupervisionInput = {
  requesterId: string;
  topic: string;
  urgency: 'today' | 'this_week' | 'routine';
  format: 'call' | 'in_person' | 'group';
  caseCode?: string;
  summary: string;
  via: 'command' | 'debrief' | 'checkin';
  /** Asked first when eligible. */
  preferredSupervisorId?: string;
};

/**
 * Opens a supervision request and offers it to the best-matching peer supervisor, in the caller's
 * transaction. The caller tells the requester (see `requestedMessage` in forms.ts).
 */
export async function requestSupervision(
  ctx: ServiceCtx,
  input: RequestSupervisionInput,
): Promise<{ id: string; number: number; offered: boolean }> {
  const parsed = requestInput.safeParse({ ...input, caseCode: input.caseCode || undefined });
  if (!parsed.success)
    throw new Refusal(
      'Some of the request’s answers need another look: the topic, urgency and format should be from the lists, and a case code looks like MS-0042.',
    );
  const values = parsed.data;
  const requester = await ctx.tx.member.findUnique({ where: { id: values.requesterId }, select: { status: true } });
  if (!requester || requester.status === 'left') throw new Refusal('Only active members can ask for supervision.');
  const id = randomUUID();
  const created = await ctx.tx.supervisionRequest.create({
    data: {
      id,
      requesterId: values.requesterId,
      topic: values.topic,
      urgency: values.urgency,
      format: values.format,
      caseCode: values.caseCode ?? null,
      summaryEnc: await ctx.deps.vault.seal(ctx.tx, values.summary, summaryBinding(id), {
        kind: 'member',
        id: values.requesterId,
      }),
      preferredSupervisorId: values.preferredSupervisorId ?? null,
      status: 'offered',
      createdAt: ctx.now,
    },
    select: { number: true },
  });
  await timeline(
    ctx,
    id,
    'requested',
    {
      via: values.via,
      topic: values.topic,
      urgency: values.urgency,
      format: values.format,
      caseCode: values.caseCode ?? null,
      preferred: !!values.preferredSupervisorId,
    },
    values.requesterId,
  );
  const outcome = await offerNext(ctx, id);
  return { id, number: created.number, offered: outcome === 'offered' };
}

/** Resolves a preferred supervisor typed by name: an active peer supervisor, or a kind refusal. */
export async function findPreferredSupervisor(tx: Tx, name: string, requesterId: string): Promise<string> {
  const found = await tx.member.findMany({
    where: {
      displayName: { equals: name.trim(), mode: 'insensitive' },
      status: { not: 'left' },
      roles: { has: 'peer_supervisor' },
    },
    select: { id: true },
    take: 2,
  });
  if (found.length !== 1 || found[0]!.id === requesterId) {
    throw new Refusal(
      `I could not find one peer supervisor called "${name.trim().slice(0, 60)}". Check the spelling, or leave it empty and the best match is asked. Nothing was saved yet.`,
    );
  }
  return found[0]!.id;
}

// ---------------------------------------------------------------------------------------------
// Matching and the offer chain

async function matchingInputs(tx: Tx, req: RequestRow) {
  const members = await tx.member.findMany({
    where: { roles: { has: 'peer_supervisor' }, status: { not: 'left' } },
    select: {
      id: true,
      displayName: true,
      roles: true,
      status: true,
      awayUntil: true,
      timeZone: true,
      specialisms: true,
    },
  });
  const ids = members.map((m) => m.id);
  const accepted = await tx.supervisionRequest.groupBy({
    by: ['acceptedById'],
    where: { status: 'accepted', acceptedById: { in: ids } },
    _count: { _all: true },
  });
  const pending = await tx.supervisionOffer.groupBy({
    by: ['supervisorId'],
    where: { response: null, supervisorId: { in: ids } },
    _count: { _all: true },
  });
  const load = new Map<string, number>();
  for (const a of accepted)
    if (a.acceptedById) load.set(a.acceptedById, (load.get(a.acceptedById) ?? 0) + a._count._all);
  for (const p of pending) load.set(p.supervisorId, (load.get(p.supervisorId) ?? 0) + p._count._all);
  const candidates: Candidate[] = members.map((m) => ({
    memberId: m.id,
    displayName: m.displayName,
    roles: m.roles,
    status: m.status,
    awayUntil: m.awayUntil,
    timeZone: m.timeZone,
    specialisms: m.specialisms,
    openLoad: load.get(m.id) ?? 0,
  }));
  const requester = await tx.member.findUnique({ where: { id: req.requesterId }, select: { specialisms: true } });
  const caseMemberIds = req.caseCode ? (await activeCaseMembers(tx, req.caseCode)).map((m) => m.memberId) : [];
  const alreadyAskedIds = (
    await tx.supervisionOffer.findMany({ where: { requestId: req.id }, select: { supervisorId: true } })
  ).map((o) => o.supervisorId);
  return {
    candidates,
    match: {
      requesterId: req.requesterId,
      topic: req.topic as Topic,
      urgency: req.urgency as Urgency,
      requesterSpecialisms: requester?.specialisms ?? [],
      preferredSupervisorId: req.preferredSupervisorId,
      caseMemberIds,
      alreadyAskedIds,
    },
  };
}

function offerMessage(req: RequestRow, offerId: string, windowMs: number): Message {
  return {
    title: `Can you offer peer supervision? (request #${req.number})`,
    text: `A fellow mentor has asked for peer supervision. Who it is, and their summary, are shared with you when you accept. If you cannot take it, Decline passes it on straight away; with no answer within ${plainDuration(windowMs)} it passes on by itself. No harm done either way.`,
    fields: [
      { label: 'Topic', value: topicLabel(req.topic) },
      { label: 'How soon', value: urgencyLabel(req.urgency) },
      { label: 'Format', value: formatLabel(req.format) },
    ],
    buttons: [
      { actionId: actions.accept, label: 'Accept', value: offerId, style: 'primary' },
      { actionId: actions.decline, label: 'Decline', value: offerId },
    ],
    tone: req.urgency === 'today' ? 'warning' : 'info',
  };
}

const closedOffer = (number: number, what: string): Message => ({
  title: `Supervision request #${number}`,
  text: what,
});

/**
 * Offers the request to the best eligible supervisor not yet asked; when nobody is left it goes to
 * the coordinators, who can assign by hand. Moves the epoch on, so older timers do nothing.
 */
async function offerNext(ctx: ServiceCtx, requestId: string): Promise<'offered' | 'waiting'> {
  const { tx, deps, now } = ctx;
  const req = await lockRequest(tx, requestId);
  const settings = await readSettings(tx, deps.config);
  const { candidates, match } = await matchingInputs(tx, req);
  const ranked = rankSupervisors(candidates, match, now, settings.workingHours);
  const epoch = req.epoch + 1;
  const best = ranked[0];
  if (!best) {
    await tx.supervisionRequest.update({ where: { id: req.id }, data: { status: 'waiting', epoch } });
    await timeline(ctx, req.id, 'unmatched', { asked: match.alreadyAskedIds.length });
    const byHand = rankSupervisors(candidates, match, now, settings.workingHours, { ignoreAlreadyAsked: true }).slice(
      0,
      5,
    );
    await send(ctx, {
      to: 'channel',
      channel: 'coordinators',
      key: `supervision-waiting:${req.id}:${epoch}`,
      message: {
        title: `Supervision request #${req.number} needs a peer supervisor`,
        text: `${match.alreadyAskedIds.length ? `${match.alreadyAskedIds.length} peer supervisor${match.alreadyAskedIds.length === 1 ? ' was' : 's were'} asked and nobody accepted.` : 'No peer supervisor is free to be asked.'} Please assign someone by hand${byHand.length ? ' (best first):' : '; /supervision list shows the request.'}`,
        fields: [
          { label: 'How soon', value: urgencyLabel(req.urgency) },
          { label: 'Topic', value: topicLabel(req.topic) },
          { label: 'Format', value: formatLabel(req.format) },
        ],
        buttons: byHand.map((r) => ({
          actionId: actions.assign,
          label: `Assign ${r.displayName}`.slice(0, 60),
          value: `${req.id}:${r.memberId}`,
        })),
        tone: req.urgency === 'today' ? 'warning' : 'info',
      },
    });
    if (match.alreadyAskedIds.length) {
      await send(ctx, {
        to: 'member',
        memberId: req.requesterId,
        message: {
          text: `About your supervision request #${req.number}: the peer supervisors asked so far could not take it, so a coordinator is now finding someone for you. You have not been forgotten. ${EMERGENCY}`,
          tone: 'info',
        },
      });
    }
    return 'waiting';
  }
  const windowMs = offerWindowMs(req.urgency as Urgency, offerMinutes(deps.config));
  const offerId = randomUUID();
  await tx.supervisionOffer.create({
    data: {
      id: offerId,
      requestId: req.id,
      supervisorId: best.memberId,
      rank: match.alreadyAskedIds.length + 1,
      reasons: best.reasons as Prisma.InputJsonObject,
      offeredAt: now,
    },
  });
  await tx.supervisionRequest.update({ where: { id: req.id }, data: { status: 'offered', epoch } });
  await timeline(ctx, req.id, 'offered', {
    supervisorId: best.memberId,
    rank: match.alreadyAskedIds.length + 1,
    windowMinutes: windowMs / 60_000,
    fit: best.reasons.fit,
    preferred: best.reasons.preferred,
  });
  await send(ctx, {
    to: 'member',
    memberId: best.memberId,
    key: offerKey(offerId),
    message: offerMessage(req, offerId, windowMs),
  });
  await enqueueJob(tx, {
    kind: jobKindsOf.offerExpired,
    dueAt: new Date(now.getTime() + windowMs),
    subject: { kind: SUBJECT, id: req.id },
    fence: String(epoch),
    payload: { offerId },
    dedupeKey: `supervision-offer-expiry:${offerId}`,
  });
  return 'offered';
}

/** The offer timer: no answer within the window passes the request to the next supervisor. */
export async function expireOffer(ctx: ServiceCtx, offerId: string): Promise<void> {
  const offer = await ctx.tx.supervisionOffer.findUnique({ where: { id: offerId } });
  if (!offer || offer.response !== null) return;
  const req = await lockRequest(ctx.tx, offer.requestId);
  if (req.status !== 'offered') return;
  await ctx.tx.supervisionOffer.update({ where: { id: offerId }, data: { response: 'expired', respondedAt: ctx.now } });
  await timeline(ctx, req.id, 'offer_expired', { supervisorId: offer.supervisorId });
  await send(ctx, {
    to: 'update',
    key: offerKey(offerId),
    message: closedOffer(
      req.number,
      'This request was passed to another peer supervisor after the answer window. No action needed.',
    ),
  });
  await offerNext(ctx, req.id);
}

/** Starts matching again (after a supervisor holding it left): run as a job, fenced by the epoch. */
export async function advanceRequest(ctx: ServiceCtx, requestId: string, wasAccepted = false): Promise<void> {
  const req = await lockRequest(ctx.tx, requestId);
  if (req.status !== 'offered' && req.status !== 'waiting') return;
  const pending = await ctx.tx.supervisionOffer.count({ where: { requestId, response: null } });
  if (pending) return;
  if (wasAccepted) {
    await send(ctx, {
      to: 'member',
      memberId: req.requesterId,
      message: {
        text: `The peer supervisor who took your request #${req.number} is no longer with the network, so we are finding you someone else. You will hear as soon as someone accepts. ${EMERGENCY}`,
      },
    });
  }
  await offerNext(ctx, requestId);
}

export async function respondToOffer(
  ctx: HandlerContext,
  offerId: string,
  answer: 'accept' | 'decline',
): Promise<Reply[]> {
  const offer = await ctx.tx.supervisionOffer.findUnique({ where: { id: offerId } });
  if (!offer || offer.supervisorId !== ctx.actor.memberId)
    throw new Refusal(
      'This offer was made to someone else, so it cannot be answered here.',
      offer ? 'not_owner' : 'not_found',
    );
  const req = await lockRequest(ctx.tx, offer.requestId);
  if (offer.response !== null || req.status !== 'offered') {
    const already =
      req.acceptedById === ctx.actor.memberId
        ? 'You have already accepted this request.'
        : 'This request has already moved on (it was passed on, accepted or withdrawn), so nothing more is needed. Thank you.';
    throw new Refusal(already, 'closed');
  }
  await ctx.tx.supervisionOffer.update({
    where: { id: offerId },
    data: { response: answer === 'accept' ? 'accepted' : 'declined', respondedAt: ctx.now },
  });
  if (answer === 'decline') {
    await timeline(ctx, req.id, 'declined', { supervisorId: ctx.actor.memberId }, ctx.actor.memberId);
    await send(ctx, {
      to: 'update',
      key: offerKey(offerId),
      message: closedOffer(
        req.number,
        'You declined this request; it has been passed on. Thank you for saying so quickly.',
      ),
    });
    await offerNext(ctx, req.id);
    return [
      {
        to: 'actor',
        message: { text: 'Thank you for letting us know. The request has been passed to another peer supervisor.' },
      },
    ];
  }
  await send(ctx, {
    to: 'update',
    key: offerKey(offerId),
    message: closedOffer(req.number, 'You accepted this request. /supervision list shows it, with the summary.'),
  });
  await acceptRequest(ctx, req, ctx.actor.memberId, 'offer');
  return [{ to: 'actor', message: await acceptedView(ctx, req.id, true) }];
}

/** Makes a supervisor the accepting supervisor, tells the requester and schedules the after-check. */
async function acceptRequest(
  ctx: ServiceCtx & { actor?: HandlerContext['actor'] },
  req: RequestRow,
  supervisorId: string,
  how: 'offer' | 'assigned',
): Promise<void> {
  const epoch = req.epoch + 1;
  await ctx.tx.supervisionRequest.update({
    where: { id: req.id },
    data: { status: 'accepted', acceptedById: supervisorId, acceptedAt: ctx.now, epoch },
  });
  await timeline(ctx, req.id, how === 'offer' ? 'accepted' : 'assigned', { supervisorId }, ctx.actor?.memberId);
  const supervisor = await nameOf(ctx.tx, supervisorId);
  await send(ctx, {
    to: 'member',
    memberId: req.requesterId,
    message: {
      title: `Supervision request #${req.number}: ${supervisor} will support you`,
      text: `${supervisor} has ${how === 'offer' ? 'accepted' : 'been asked by a coordinator to take'} your request and will be in touch to arrange a ${formatLabel(req.format)}. You can message them directly too.`,
      tone: 'success',
    },
  });
  const people = await ctx.tx.member.findMany({
    where: { id: { in: [req.requesterId, supervisorId] } },
    select: { id: true, timeZone: true },
  });
  for (const [to, memberId] of [
    ['requester', req.requesterId],
    ['supervisor', supervisorId],
  ] as const) {
    const zone = people.find((p) => p.id === memberId)?.timeZone ?? 'Europe/London';
    await enqueueJob(ctx.tx, {
      kind: jobKindsOf.after,
      dueAt: afterCheckAt(ctx.now, req.urgency as Urgency, zone),
      subject: { kind: SUBJECT, id: req.id },
      fence: String(epoch),
      payload: { to, round: 0 },
      dedupeKey: `supervision-after:${req.id}:${epoch}:${to}:0`,
    });
  }
}

/** The accepting supervisor's private view: who, what, and the summary (audited as a view). */
async function acceptedView(ctx: HandlerContext, requestId: string, justAccepted: boolean): Promise<Message> {
  const req = await ctx.tx.supervisionRequest.findUniqueOrThrow({ where: { id: requestId } });
  const summary = await ctx.deps.vault.open(ctx.tx, req.summaryEnc, summaryBinding(req.id));
  await timeline(ctx, req.id, 'summary_viewed', { by: ctx.actor.memberId }, ctx.actor.memberId);
  const requester = await nameOf(ctx.tx, req.requesterId);
  return {
    title: `Supervision request #${req.number} from ${requester}`,
    text: `${justAccepted ? `Thank you for taking this on. Please get in touch with ${requester} to arrange a ${formatLabel(req.format)}. ` : ''}The summary is for you only; please do not pass it on.`,
    fields: [
      { label: 'Topic', value: topicLabel(req.topic) },
      { label: 'How soon', value: urgencyLabel(req.urgency) },
      { label: 'Format', value: formatLabel(req.format) },
      ...(req.caseCode ? [{ label: 'Case code', value: req.caseCode }] : []),
      { label: 'Their summary', value: summary },
    ],
    tone: 'info',
  };
}

/** Only the requester and the supervisor who accepted can read the summary; any other attempt is refused and audited. */
export async function showSummary(ctx: HandlerContext, requestId: string): Promise<Message> {
  const req = await ctx.tx.supervisionRequest.findUnique({ where: { id: requestId } });
  const mine =
    req &&
    (req.requesterId === ctx.actor.memberId ||
      (req.acceptedById === ctx.actor.memberId && (req.status === 'accepted' || req.status === 'closed')));
  if (!req || !mine) {
    if (req)
      await recordEvent(ctx.deps.db, {
        subjectKind: SUBJECT,
        subjectId: req.id,
        kind: 'supervision.summary_refused',
        at: ctx.now,
        actorId: ctx.actor.memberId,
        surface: ctx.surface,
      });
    throw new Refusal(
      'Only the peer supervisor who accepted this request (and the mentor who asked) can read its summary.',
      req ? 'not_owner' : 'not_found',
    );
  }
  if (req.requesterId === ctx.actor.memberId) {
    const summary = await ctx.deps.vault.open(ctx.tx, req.summaryEnc, summaryBinding(req.id));
    return {
      title: `Your supervision request #${req.number}`,
      text: 'Your summary, as the supervisor who accepts sees it.',
      fields: [{ label: 'Your summary', value: summary }],
    };
  }
  return acceptedView(ctx, req.id, false);
}

/** A coordinator assigns by hand (after nobody accepted, or instead of waiting). */
export async function assignByHand(ctx: HandlerContext, value: string): Promise<Reply[]> {
  const [requestId = '', supervisorId = ''] = value.split(':');
  const req = await lockRequest(ctx.tx, requestId);
  if (req.status !== 'offered' && req.status !== 'waiting')
    throw new Refusal(
      `Request #${req.number} has already been ${req.status === 'accepted' ? `accepted by ${await nameOf(ctx.tx, req.acceptedById)}` : req.status}. Nothing was changed.`,
      'closed',
    );
  const { candidates, match } = await matchingInputs(ctx.tx, req);
  const candidate = candidates.find((c) => c.memberId === supervisorId);
  const why = candidate ? exclusionOf(candidate, match, ctx.now) : 'not_peer_supervisor';
  if (why && why !== 'already_asked') {
    const words: Record<string, string> = {
      case_conflict: 'is assigned to the same case (a conflict of interest)',
      away: 'is away',
      requester: 'made the request',
      inactive: 'is no longer active',
      not_peer_supervisor: 'is not a peer supervisor',
    };
    throw new Refusal(
      `${await nameOf(ctx.tx, supervisorId)} cannot take request #${req.number}: they ${words[why] ?? 'are not eligible'}.`,
    );
  }
  for (const pending of await ctx.tx.supervisionOffer.findMany({ where: { requestId, response: null } })) {
    await ctx.tx.supervisionOffer.update({
      where: { id: pending.id },
      data: { response: 'withdrawn', respondedAt: ctx.now },
    });
    await send(ctx, {
      to: 'update',
      key: offerKey(pending.id),
      message: closedOffer(req.number, 'A coordinator has arranged this request with someone else. No action needed.'),
    });
  }
  await acceptRequest(ctx, req, supervisorId, 'assigned');
  const requester = await nameOf(ctx.tx, req.requesterId);
  await send(ctx, {
    to: 'member',
    memberId: supervisorId,
    message: {
      title: `Supervision request #${req.number}: assigned to you`,
      text: `A coordinator has asked you to support ${requester} (${topicLabel(req.topic)}, ${urgencyLabel(req.urgency)}, ${formatLabel(req.format)}). Please get in touch to arrange it. Their summary is for you only.`,
      buttons: [{ actionId: actions.showSummary, label: 'Show the summary', value: req.id }],
      tone: 'info',
    },
  });
  return [
    {
      to: 'actor',
      message: {
        text: `Request #${req.number} is assigned to ${await nameOf(ctx.tx, supervisorId)}; ${requester} has been told.`,
        tone: 'success',
      },
    },
  ];
}

/** The requester withdraws a request that has not yet happened. */
export async function withdrawRequest(ctx: HandlerContext, requestId: string): Promise<Reply[]> {
  const req = await lockRequest(ctx.tx, requestId);
  if (req.requesterId !== ctx.actor.memberId)
    throw new Refusal('Only the mentor who asked can withdraw a request.', 'not_owner');
  if (!['offered', 'waiting', 'accepted'].includes(req.status) || req.happened !== null)
    throw new Refusal(`Request #${req.number} is already ${req.status}; nothing to withdraw.`, 'closed');
  await closePendingOffers(ctx, req, 'withdrawn', 'The mentor no longer needs this. No action needed.');
  await ctx.tx.supervisionRequest.update({
    where: { id: req.id },
    data: { status: 'withdrawn', closedAt: ctx.now, epoch: req.epoch + 1 },
  });
  await timeline(ctx, req.id, 'withdrawn', {}, ctx.actor.memberId);
  if (req.status === 'accepted' && req.acceptedById) {
    await send(ctx, {
      to: 'member',
      memberId: req.acceptedById,
      message: {
        text: `${ctx.actor.displayName} has withdrawn supervision request #${req.number}. No action needed; thank you for offering.`,
      },
    });
  }
  return [
    {
      to: 'actor',
      message: {
        text: `Request #${req.number} is withdrawn. You can ask again any time with /supervision request.`,
        tone: 'success',
      },
    },
  ];
}

async function closePendingOffers(ctx: ServiceCtx, req: RequestRow, response: string, text: string): Promise<void> {
  for (const pending of await ctx.tx.supervisionOffer.findMany({ where: { requestId: req.id, response: null } })) {
    await ctx.tx.supervisionOffer.update({ where: { id: pending.id }, data: { response, respondedAt: ctx.now } });
    await send(ctx, { to: 'update', key: offerKey(pending.id), message: closedOffer(req.number, text) });
  }
}

// ---------------------------------------------------------------------------------------------
// After: did it happen, did it help, notes and follow-ups

async function answered(tx: Tx, requestId: string, by: 'requester' | 'supervisor'): Promise<boolean> {
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
  ctx: ServiceCtx,
  requestId: string,
  to: 'requester' | 'supervisor',
  round: number,
): Promise<void> {
  const req = await lockRequest(ctx.tx, requestId);
  if (req.status !== 'accepted' || !req.acceptedById || (await answered(ctx.tx, req.id, to))) return;
  await timeline(ctx, req.id, 'after_asked', { to, round });
  if (to === 'supervisor') {
    await send(ctx, {
      to: 'member',
      memberId: req.acceptedById,
      message: {
        title: `Supervision request #${req.number}`,
        text: `Did your supervision with ${await nameOf(ctx.tx, req.requesterId)} happen? If it did, you can add a short note and a follow-up date for yourself.`,
        buttons: [
          { actionId: actions.supervisorHappened, label: 'It happened', value: req.id, style: 'primary' },
          { actionId: actions.supervisorNotYet, label: 'Not yet', value: `${req.id}:${round}` },
          { actionId: actions.supervisorWontHappen, label: 'It will not happen', value: req.id },
        ],
      },
    });
  } else {
    await send(ctx, {
      to: 'member',
      memberId: req.requesterId,
      message: {
        title: `Supervision request #${req.number}`,
        text: `Did your supervision with ${await nameOf(ctx.tx, req.acceptedById)} happen, and did it help? Your answer helps us keep supervision useful; it is not shared with them.`,
        buttons: [
          { actionId: actions.requesterHelped, label: 'Yes, it helped', value: req.id, style: 'primary' },
          { actionId: actions.requesterNotHelped, label: 'Yes, not much help', value: req.id },
          { actionId: actions.requesterNotYet, label: 'Not yet', value: `${req.id}:${round}` },
        ],
      },
    });
  }
}

async function closeIfDone(ctx: ServiceCtx, req: RequestRow): Promise<void> {
  if ((await answered(ctx.tx, req.id, 'requester')) && (await answered(ctx.tx, req.id, 'supervisor'))) {
    await ctx.tx.supervisionRequest.update({
      where: { id: req.id },
      data: { status: 'closed', closedAt: ctx.now, epoch: { increment: 1 } },
    });
    await timeline(ctx, req.id, 'closed');
  }
}

async function ownAccepted(
  ctx: HandlerContext,
  requestId: string,
  as: 'requester' | 'supervisor',
): Promise<RequestRow> {
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

export async function supervisorAnswer(
  ctx: HandlerContext,
  value: string,
  answer: 'happened' | 'not_yet' | 'wont_happen',
): Promise<Reply[]> {
  const [requestId, roundText] = value.split(':');
  const req = await ownAccepted(ctx, requestId ?? '', 'supervisor');
  if (req.status === 'closed' && answer !== 'happened')
    throw new Refusal(`Request #${req.number} is already closed; nothing more is needed. Thank you.`, 'closed');
  if (answer === 'not_yet')
    return [{ to: 'actor', message: { text: await reask(ctx, req, 'supervisor', Number(roundText ?? 0)) } }];
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

export async function requesterAnswer(
  ctx: HandlerContext,
  value: string,
  answer: 'helped' | 'not_helped' | 'not_yet',
): Promise<Reply[]> {
  const [requestId, roundText] = value.split(':');
  const req = await ownAccepted(ctx, requestId ?? '', 'requester');
  if (answer === 'not_yet')
    return [{ to: 'actor', message: { text: await reask(ctx, req, 'requester', Number(roundText ?? 0)) } }];
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

async function reask(ctx: ServiceCtx, req: RequestRow, to: 'requester' | 'supervisor', round: number): Promise<string> {
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

export async function saveNote(
  ctx: HandlerContext,
  requestId: string,
  note: string | undefined,
  followUp: string | undefined,
  safeguarding = false,
): Promise<Reply[]> {
  const req = await ownAccepted(ctx, requestId, 'supervisor');
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
  const concern = safeguarding
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
export async function remindFollowUp(ctx: ServiceCtx, requestId: string): Promise<void> {
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

/** The fence of a follow-up reminder: the request's current follow-up time. */
export async function followUpFence(tx: Tx, id: string): Promise<string | null> {
  const rows = await tx.$queryRaw<
    { followUpAt: Date | null }[]
  >`SELECT "followUpAt" FROM "SupervisionRequest" WHERE "id" = ${id}::uuid FOR UPDATE`;
  return rows[0]?.followUpAt ? rows[0].followUpAt.toISOString() : null;
}

// ---------------------------------------------------------------------------------------------
// Group supervision

const groupThemeLabel = (topic: string) => groupTopicChoices.find((c) => c.value === topic)?.label ?? topicLabel(topic);

async function groupPost(
  tx: Tx,
  group: { id: string; startsAt: Date; topic: string; capacity: number },
  zone: string,
): Promise<Message> {
  const taken = await tx.groupSignup.count({ where: { groupId: group.id } });
  const left = Math.max(0, group.capacity - taken);
  return {
    title: `Group supervision: ${groupThemeLabel(group.topic)}`,
    text: `${when(group.startsAt, zone)} (${zone}). ${left ? `${left} of ${group.capacity} places left.` : 'This session is full.'} Sign up below; reminders come the day before and an hour before.`,
    buttons: left
      ? [
          { actionId: actions.groupSignUp, label: 'Sign up', value: group.id, style: 'primary' },
          { actionId: actions.groupLeave, label: 'Cancel my place', value: group.id },
        ]
      : [{ actionId: actions.groupLeave, label: 'Cancel my place', value: group.id }],
  };
}

export async function scheduleGroup(
  ctx: HandlerContext,
  values: { startsAt: Date; topic: string; capacity: number },
): Promise<Reply[]> {
  if (values.startsAt.getTime() <= ctx.now.getTime() + 60 * 60_000)
    throw new Refusal('Please choose a time more than an hour from now. Nothing was saved yet.');
  const id = randomUUID();
  const group = await ctx.tx.groupSupervision.create({
    data: {
      id,
      startsAt: values.startsAt,
      topic: values.topic,
      capacity: values.capacity,
      createdById: ctx.actor.memberId,
      createdAt: ctx.now,
    },
  });
  await recordEvent(ctx.tx, {
    subjectKind: GROUP_SUBJECT,
    subjectId: id,
    kind: 'supervision.group_scheduled',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data: { startsAt: values.startsAt.toISOString(), topic: values.topic, capacity: values.capacity },
  });
  const zone = (await readSettings(ctx.tx, ctx.deps.config)).networkTimeZone;
  await send(ctx, {
    to: 'channel',
    channel: 'learning',
    key: groupKey(id),
    message: await groupPost(ctx.tx, group, zone),
  });
  const fence = values.startsAt.toISOString();
  for (const [which, before] of [
    ['day_before', 24 * 60],
    ['hour_before', 60],
  ] as const) {
    const dueAt = new Date(values.startsAt.getTime() - before * 60_000);
    if (dueAt > ctx.now)
      await enqueueJob(ctx.tx, {
        kind: jobKindsOf.groupReminder,
        dueAt,
        subject: { kind: GROUP_SUBJECT, id },
        fence,
        payload: { which },
        dedupeKey: `supervision-group-reminder:${id}:${which}`,
      });
  }
  await enqueueJob(ctx.tx, {
    kind: jobKindsOf.groupAttendance,
    dueAt: new Date(values.startsAt.getTime() + 90 * 60_000),
    subject: { kind: GROUP_SUBJECT, id },
    fence,
    dedupeKey: `supervision-group-attendance:${id}`,
  });
  return [
    {
      to: 'actor',
      message: {
        text: `Group supervision on ${when(values.startsAt, ctx.actor.timeZone)} (${groupThemeLabel(values.topic)}, ${values.capacity} places) is posted to the learning channel. After it, you will be asked who attended.`,
        tone: 'success',
      },
    },
  ];
}

/** Signs the actor up, under a lock on the session row so concurrent sign-ups never exceed capacity. */
export async function signUpForGroup(ctx: HandlerContext, groupId: string): Promise<Reply[]> {
  const locked = await ctx.tx.$queryRaw<
    { id: string; startsAt: Date; capacity: number; topic: string }[]
  >`SELECT "id", "startsAt", "capacity", "topic" FROM "GroupSupervision" WHERE "id" = ${groupId}::uuid FOR UPDATE`;
  const group = locked[0];
  if (!group) throw new Refusal('That group session no longer exists.', 'not_found');
  if (group.startsAt <= ctx.now) throw new Refusal('That group session has already started.', 'closed');
  if (await ctx.tx.groupSignup.findUnique({ where: { groupId_memberId: { groupId, memberId: ctx.actor.memberId } } })) {
    throw new Refusal(`You already have a place on ${when(group.startsAt, ctx.actor.timeZone)}.`);
  }
  const taken = await ctx.tx.groupSignup.count({ where: { groupId } });
  if (taken >= group.capacity)
    throw new Refusal('Sorry, this session is full. Coordinators can see the demand and may add another.');
  await ctx.tx.groupSignup.create({ data: { groupId, memberId: ctx.actor.memberId, createdAt: ctx.now } });
  await recordEvent(ctx.tx, {
    subjectKind: GROUP_SUBJECT,
    subjectId: groupId,
    kind: 'supervision.group_signed_up',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
  });
  const zone = (await readSettings(ctx.tx, ctx.deps.config)).networkTimeZone;
  await send(ctx, { to: 'update', key: groupKey(groupId), message: await groupPost(ctx.tx, group, zone) });
  return [
    {
      to: 'actor',
      message: {
        text: `You have a place at group supervision on ${when(group.startsAt, ctx.actor.timeZone)} (your time). You will get reminders the day before and an hour before.`,
        tone: 'success',
      },
    },
  ];
}

export async function leaveGroup(ctx: HandlerContext, groupId: string): Promise<Reply[]> {
  const locked = await ctx.tx.$queryRaw<
    { id: string; startsAt: Date; capacity: number; topic: string }[]
  >`SELECT "id", "startsAt", "capacity", "topic" FROM "GroupSupervision" WHERE "id" = ${groupId}::uuid FOR UPDATE`;
  const group = locked[0];
  if (!group) throw new Refusal('That group session no longer exists.', 'not_found');
  const { count } = await ctx.tx.groupSignup.deleteMany({ where: { groupId, memberId: ctx.actor.memberId } });
  if (!count) throw new Refusal('You do not have a place on that session.');
  await recordEvent(ctx.tx, {
    subjectKind: GROUP_SUBJECT,
    subjectId: groupId,
    kind: 'supervision.group_left',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
  });
  const zone = (await readSettings(ctx.tx, ctx.deps.config)).networkTimeZone;
  await send(ctx, { to: 'update', key: groupKey(groupId), message: await groupPost(ctx.tx, group, zone) });
  return [{ to: 'actor', message: { text: 'Your place is cancelled. Thank you for freeing it for someone else.' } }];
}

export async function groupFence(tx: Tx, id: string): Promise<string | null> {
  const rows = await tx.$queryRaw<
    { startsAt: Date }[]
  >`SELECT "startsAt" FROM "GroupSupervision" WHERE "id" = ${id}::uuid FOR UPDATE`;
  return rows[0]?.startsAt.toISOString() ?? null;
}

export async function remindGroup(
  ctx: ServiceCtx,
  groupId: string,
  which: 'day_before' | 'hour_before',
): Promise<void> {
  const group = await ctx.tx.groupSupervision.findUnique({ where: { id: groupId } });
  if (!group) return;
  const signups = await ctx.tx.groupSignup.findMany({ where: { groupId }, select: { memberId: true } });
  const people = await ctx.tx.member.findMany({
    where: { id: { in: signups.map((s) => s.memberId) }, status: { not: 'left' } },
    select: { id: true, timeZone: true },
  });
  for (const p of people) {
    await send(ctx, {
      to: 'member',
      memberId: p.id,
      message: {
        title: which === 'day_before' ? 'Group supervision tomorrow' : 'Group supervision in an hour',
        text: `A reminder: group supervision (${groupThemeLabel(group.topic)}) at ${when(group.startsAt, p.timeZone)} your time. If you cannot come, cancelling frees your place.`,
        buttons: [{ actionId: actions.groupLeave, label: 'Cancel my place', value: group.id }],
      },
    });
  }
  await recordEvent(ctx.tx, {
    subjectKind: GROUP_SUBJECT,
    subjectId: groupId,
    kind: 'supervision.group_reminded',
    at: ctx.now,
    data: { which, count: people.length },
  });
}

/** After the session, its coordinator records who came (one button per member). */
export async function askAttendance(ctx: ServiceCtx, groupId: string): Promise<void> {
  const group = await ctx.tx.groupSupervision.findUnique({ where: { id: groupId } });
  if (!group) return;
  const signups = await ctx.tx.groupSignup.findMany({ where: { groupId }, orderBy: { createdAt: 'asc' } });
  const names = await ctx.tx.member.findMany({
    where: { id: { in: signups.map((s) => s.memberId) } },
    select: { id: true, displayName: true },
  });
  const byId = new Map(names.map((n) => [n.id, n.displayName]));
  await send(ctx, {
    to: 'member',
    memberId: group.createdById,
    message: {
      title: `Who came to group supervision (${groupThemeLabel(group.topic)})?`,
      text: signups.length
        ? 'Press each member who attended, then "Nobody else came" to record the rest as absent.'
        : 'Nobody had signed up for this session.',
      buttons: signups.length
        ? [
            ...signups.map((s) => ({
              actionId: actions.groupAttended,
              label: (byId.get(s.memberId) ?? 'member').slice(0, 60),
              value: `${groupId}:${s.memberId}`,
            })),
            { actionId: actions.groupNoOthers, label: 'Nobody else came', value: groupId },
          ]
        : [],
    },
  });
}

export async function recordAttendance(ctx: HandlerContext, value: string, noOthers: boolean): Promise<Reply[]> {
  // "<group>" for nobody else, "<group>:<member>" for one who came (parsed by the router).
  const [groupId = '', memberId = ''] = value.split(':');
  const group = await ctx.tx.groupSupervision.findUnique({ where: { id: groupId } });
  if (!group) throw new Refusal('That group session no longer exists.', 'not_found');
  if (group.startsAt > ctx.now) throw new Refusal('Attendance can be recorded once the session has started.');
  if (noOthers) {
    const { count } = await ctx.tx.groupSignup.updateMany({
      where: { groupId, attended: null },
      data: { attended: false },
    });
    await recordEvent(ctx.tx, {
      subjectKind: GROUP_SUBJECT,
      subjectId: groupId,
      kind: 'supervision.group_absent_recorded',
      at: ctx.now,
      actorId: ctx.actor.memberId,
      surface: ctx.surface,
      data: { count },
    });
    return [{ to: 'actor', message: { text: `Recorded: ${count} did not attend.` } }];
  }
  const { count } = await ctx.tx.groupSignup.updateMany({ where: { groupId, memberId }, data: { attended: true } });
  if (!count) throw new Refusal('That member is not signed up for this session.');
  await recordEvent(ctx.tx, {
    subjectKind: GROUP_SUBJECT,
    subjectId: groupId,
    kind: 'supervision.group_attended',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data: { memberId },
  });
  return [{ to: 'actor', message: { text: `Recorded: ${await nameOf(ctx.tx, memberId)} attended.` } }];
}

// ---------------------------------------------------------------------------------------------
// Views: where requests stand, and fairness for coordinators

const statusWords = async (tx: Tx, r: RequestRow): Promise<string> => {
  switch (r.status) {
    case 'offered': {
      const asked = await tx.supervisionOffer.count({ where: { requestId: r.id } });
      return asked > 1
        ? `a peer supervisor is being asked (${asked} asked so far)`
        : 'a peer supervisor is being asked';
    }
    case 'waiting':
      return 'a coordinator is finding someone';
    case 'accepted':
      return `accepted by ${await nameOf(tx, r.acceptedById)}`;
    case 'closed':
      return r.happened === false ? 'closed (it did not happen)' : 'closed';
    default:
      return r.status;
  }
};

/** A mentor's own requests: where each stands. */
export async function ownRequestsView(ctx: HandlerContext): Promise<Message[]> {
  const rows = await ctx.tx.supervisionRequest.findMany({
    where: { requesterId: ctx.actor.memberId },
    orderBy: { createdAt: 'desc' },
    take: 10,
  });
  if (!rows.length)
    return [
      {
        title: 'Your supervision requests',
        text: 'You have not asked for supervision yet. /supervision request asks a peer supervisor privately.',
      },
    ];
  const fields = [];
  for (const r of rows)
    fields.push({
      label: `#${r.number} · ${topicLabel(r.topic)} · ${when(r.createdAt, ctx.actor.timeZone)}`,
      value: await statusWords(ctx.tx, r),
    });
  const open = rows.filter((r) => ['offered', 'waiting', 'accepted'].includes(r.status) && r.happened === null);
  return [
    {
      title: 'Your supervision requests',
      text: 'Only you, the supervisor who accepts and coordinators see these (your summary only you and that supervisor).',
      fields,
      buttons: open
        .slice(0, 5)
        .map((r) => ({ actionId: actions.withdraw, label: `Withdraw #${r.number}`, value: r.id })),
    },
  ];
}

/** A peer supervisor's offers awaiting an answer and the requests they accepted. */
export async function supervisorView(ctx: HandlerContext): Promise<Message[]> {
  const offers = await ctx.tx.supervisionOffer.findMany({
    where: { supervisorId: ctx.actor.memberId, response: null },
    orderBy: { offeredAt: 'asc' },
    take: 10,
  });
  const messages: Message[] = [];
  for (const o of offers) {
    const req = await ctx.tx.supervisionRequest.findUniqueOrThrow({ where: { id: o.requestId } });
    messages.push(offerMessage(req, o.id, offerWindowMs(req.urgency as Urgency, offerMinutes(ctx.deps.config))));
  }
  const mine = await ctx.tx.supervisionRequest.findMany({
    where: { acceptedById: ctx.actor.memberId, status: 'accepted' },
    orderBy: { acceptedAt: 'asc' },
    take: 10,
  });
  const fields = [];
  for (const r of mine)
    fields.push({
      label: `#${r.number} · ${await nameOf(ctx.tx, r.requesterId)}`,
      value: `${topicLabel(r.topic)}, ${urgencyLabel(r.urgency)}, ${formatLabel(r.format)}${r.followUpAt ? `; follow up ${when(r.followUpAt, ctx.actor.timeZone)}` : ''}`,
    });
  messages.push({
    title: 'Requests you are supporting',
    text: mine.length ? 'Each summary is for you only.' : 'None at the moment. Thank you for being available.',
    fields,
    buttons: mine
      .slice(0, 5)
      .map((r) => ({ actionId: actions.showSummary, label: `Summary #${r.number}`, value: r.id })),
  });
  return messages;
}

export interface SupervisorStats {
  memberId: string;
  displayName: string;
  load: number;
  offers: number;
  accepted: number;
  declined: number;
  expired: number;
  medianResponseMs?: number;
  available: boolean;
}

/** Each peer supervisor's open load and how they answered offers in the last 90 days. */
export async function supervisorStats(tx: Tx, now: Date): Promise<SupervisorStats[]> {
  const since = new Date(now.getTime() - 90 * 24 * 60 * 60_000);
  const supervisors = await tx.member.findMany({
    where: { roles: { has: 'peer_supervisor' }, status: { not: 'left' } },
    select: { id: true, displayName: true, status: true, awayUntil: true },
    orderBy: { displayName: 'asc' },
  });
  const offers = await tx.supervisionOffer.findMany({
    where: { supervisorId: { in: supervisors.map((s) => s.id) }, offeredAt: { gte: since } },
    select: { supervisorId: true, response: true, offeredAt: true, respondedAt: true },
  });
  const loads = await tx.supervisionRequest.groupBy({
    by: ['acceptedById'],
    where: { status: 'accepted' },
    _count: { _all: true },
  });
  return supervisors.map((s) => {
    const own = offers.filter((o) => o.supervisorId === s.id);
    const answeredIn = own
      .filter((o) => o.respondedAt && (o.response === 'accepted' || o.response === 'declined'))
      .map((o) => o.respondedAt!.getTime() - o.offeredAt.getTime());
    return {
      memberId: s.id,
      displayName: s.displayName,
      load: loads.find((l) => l.acceptedById === s.id)?._count._all ?? 0,
      offers: own.length,
      accepted: own.filter((o) => o.response === 'accepted').length,
      declined: own.filter((o) => o.response === 'declined').length,
      expired: own.filter((o) => o.response === 'expired').length,
      medianResponseMs: median(answeredIn),
      available: !(s.status === 'away' && (!s.awayUntil || s.awayUntil > now)),
    };
  });
}

/** Open requests, longest waiting first (not yet accepted), for coordinators. */
async function longestWaiting(tx: Tx, take: number) {
  return tx.supervisionRequest.findMany({
    where: { status: { in: ['offered', 'waiting'] } },
    orderBy: { createdAt: 'asc' },
    take,
  });
}

/** Coordinators: every open request with why the current (or last) offer went to whom, and fairness figures. */
export async function coordinatorView(ctx: HandlerContext): Promise<Message[]> {
  const { tx, now } = ctx;
  const open = await tx.supervisionRequest.findMany({
    where: { status: { in: openStatuses } },
    orderBy: { createdAt: 'asc' },
    take: 25,
  });
  const fields = [];
  for (const r of open) {
    const first = await tx.supervisionOffer.findFirst({ where: { requestId: r.id }, orderBy: { rank: 'asc' } });
    const why = first
      ? `; ranked first: ${explainRank({ displayName: await nameOf(tx, first.supervisorId), reasons: first.reasons as unknown as Reasons })}`
      : '';
    fields.push({
      label: `#${r.number} · ${await nameOf(tx, r.requesterId)} · ${urgencyLabel(r.urgency)} · ${topicLabel(r.topic)}`,
      value: `${await statusWords(tx, r)}; waiting ${plainDuration(now.getTime() - r.createdAt.getTime())}${why}`.slice(
        0,
        1000,
      ),
    });
  }
  const messages: Message[] = [
    {
      title: `Open supervision requests (${open.length})`,
      text: open.length ? 'Oldest first. Summaries are only for the supervisor who accepts.' : 'No open requests.',
      fields,
    },
  ];
  for (const r of open.filter((o) => o.status === 'waiting').slice(0, 5)) {
    const { candidates, match } = await matchingInputs(tx, r);
    const byHand = rankSupervisors(candidates, match, now, (await readSettings(tx, ctx.deps.config)).workingHours, {
      ignoreAlreadyAsked: true,
    }).slice(0, 5);
    messages.push({
      title: `Assign request #${r.number} by hand`,
      text: byHand.length
        ? byHand.map((b) => explainRank(b)).join('\n')
        : 'No eligible peer supervisor is available (away, conflicted or none with the role).',
      buttons: byHand.map((b) => ({
        actionId: actions.assign,
        label: `Assign ${b.displayName}`.slice(0, 60),
        value: `${r.id}:${b.memberId}`,
      })),
    });
  }
  messages.push(await fairnessSection(tx, now));
  return messages;
}

export async function fairnessSection(tx: Tx, now: Date): Promise<Message> {
  const stats = await supervisorStats(tx, now);
  const waiting = await longestWaiting(tx, 3);
  return {
    title: 'Peer supervision: load and response times (90 days)',
    text: waiting.length
      ? `Waiting longest: ${waiting.map((w) => `#${w.number} (${urgencyLabel(w.urgency)}, ${plainDuration(now.getTime() - w.createdAt.getTime())})`).join(', ')}.`
      : 'No request is waiting for a supervisor.',
    fields: stats.map((s) => ({
      label: `${s.displayName}${s.available ? '' : ' (away)'}`,
      value: `${s.load} open; ${s.offers} offered, ${s.accepted} accepted, ${s.declined} declined, ${s.expired} no answer; median answer ${s.medianResponseMs === undefined ? 'n/a' : plainDuration(s.medianResponseMs)}`,
    })),
  };
}

/** Home view: a mentor's open requests and a peer supervisor's offers awaiting an answer (nothing when there are none). */
export async function homeSummary(
  tx: Tx,
  memberId: string,
  zone: string,
  as: 'requester' | 'supervisor',
): Promise<Message | undefined> {
  if (as === 'requester') {
    const open = await tx.supervisionRequest.findMany({
      where: { requesterId: memberId, status: { in: openStatuses } },
      orderBy: { createdAt: 'desc' },
      take: 5,
    });
    if (!open.length) return undefined;
    const fields = [];
    for (const r of open)
      fields.push({
        label: `#${r.number} · ${topicLabel(r.topic)} · ${when(r.createdAt, zone)}`,
        value: await statusWords(tx, r),
      });
    return { title: 'Your supervision requests', text: 'Where each stands. /supervision list has more.', fields };
  }
  const offers = await tx.supervisionOffer.findMany({
    where: { supervisorId: memberId, response: null },
    orderBy: { offeredAt: 'asc' },
    take: 5,
  });
  if (!offers.length) return undefined;
  const requests = await tx.supervisionRequest.findMany({ where: { id: { in: offers.map((o) => o.requestId) } } });
  return {
    title: 'Supervision offers awaiting your answer',
    text: 'Answer from the message you were sent, or from /supervision list.',
    fields: requests.map((r) => ({
      label: `#${r.number}`,
      value: `${topicLabel(r.topic)}, ${urgencyLabel(r.urgency)}, ${formatLabel(r.format)}`,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Offboarding

/** Pending offers and accepted requests pass to someone else; the leaver's own open requests are withdrawn. */
export const supervisionHolding: Holding = {
  name: 'peer supervision',
  async list(tx, memberId) {
    const offers = await tx.supervisionOffer.findMany({
      where: { supervisorId: memberId, response: null },
      select: { requestId: true },
    });
    const accepted = await tx.supervisionRequest.findMany({
      where: { acceptedById: memberId, status: 'accepted', happened: null },
      select: { number: true },
    });
    const own = await tx.supervisionRequest.findMany({
      where: { requesterId: memberId, status: { in: ['offered', 'waiting', 'accepted'] } },
      select: { number: true },
    });
    const offered = offers.length
      ? await tx.supervisionRequest.findMany({
          where: { id: { in: offers.map((o) => o.requestId) } },
          select: { number: true },
        })
      : [];
    return [
      ...offered.map((r) => `offer of request #${r.number} (passed on)`),
      ...accepted.map((r) => `request #${r.number} they accepted (matched again)`),
      ...own.map((r) => `own request #${r.number} (withdrawn)`),
    ];
  },
  async release(tx, memberId, at) {
    const again = new Map<string, boolean>();
    for (const offer of await tx.supervisionOffer.findMany({ where: { supervisorId: memberId, response: null } })) {
      await tx.supervisionOffer.update({ where: { id: offer.id }, data: { response: 'released', respondedAt: at } });
      again.set(offer.requestId, again.get(offer.requestId) ?? false);
    }
    for (const req of await tx.supervisionRequest.findMany({
      where: { acceptedById: memberId, status: 'accepted', happened: null },
    })) {
      await tx.supervisionRequest.update({
        where: { id: req.id },
        data: { status: 'offered', acceptedById: null, acceptedAt: null },
      });
      again.set(req.id, true);
    }
    for (const [requestId, wasAccepted] of again) {
      const rows = await tx.$queryRaw<
        { epoch: number }[]
      >`UPDATE "SupervisionRequest" SET "epoch" = "epoch" + 1 WHERE "id" = ${requestId}::uuid RETURNING "epoch"`;
      await recordEvent(tx, {
        subjectKind: SUBJECT,
        subjectId: requestId,
        kind: 'supervision.released',
        at,
        data: { supervisorId: memberId },
      });
      await enqueueJob(tx, {
        kind: jobKindsOf.advance,
        dueAt: at,
        subject: { kind: SUBJECT, id: requestId },
        fence: String(rows[0]!.epoch),
        payload: { wasAccepted },
        dedupeKey: `supervision-advance:${requestId}:${rows[0]!.epoch}`,
      });
    }
    for (const req of await tx.supervisionRequest.findMany({
      where: { requesterId: memberId, status: { in: ['offered', 'waiting', 'accepted'] } },
    })) {
      await tx.supervisionOffer.updateMany({
        where: { requestId: req.id, response: null },
        data: { response: 'withdrawn', respondedAt: at },
      });
      await tx.supervisionRequest.update({
        where: { id: req.id },
        data: { status: 'withdrawn', closedAt: at, epoch: { increment: 1 } },
      });
      await recordEvent(tx, {
        subjectKind: SUBJECT,
        subjectId: req.id,
        kind: 'supervision.withdrawn',
        at,
        data: { reason: 'requester_left' },
      });
    }
    const upcoming = await tx.groupSupervision.findMany({ where: { startsAt: { gt: at } }, select: { id: true } });
    await tx.groupSignup.deleteMany({ where: { memberId, groupId: { in: upcoming.map((g) => g.id) } } });
  },
};
