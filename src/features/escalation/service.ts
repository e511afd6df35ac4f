// Urgent escalations: raise, notify along the frozen chain, acknowledge (in chat or with the
// out-of-chat code), record actions and notes, resolve, and the measures. Every change and the
// messages it causes commit in one transaction; every scheduled step is fenced by the epoch.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Message, Reply } from '../../core/message.js';
import { Refusal } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob, enqueueJobs, URGENT_JOB_PRIORITY } from '../../jobs/enqueue.js';
import { concernForEscalation } from '../concerns/api.js';
import { takeForEscalation } from '../concerns/api.js';
import { ensureDutySeries, whoIsOnDuty } from '../duty/api.js';
import { scheduleCheckin } from '../welfare/api.js';
import { planTrimSupport } from '../mentors/api.js';
import {
  acknowledgedPost,
  actionTakenChoices,
  categoryLabel,
  channelPost,
  labelOf,
  outcomeChoices,
  RESOLVE,
  recordedActionChoices,
  reporterConfirmation,
  UPDATE,
  when,
  type ClientTold,
} from './forms.js';
import { notifyStep } from './notify.js';
import {
  ACK_CODE_ALPHABET,
  acknowledgementDeadline,
  categories,
  durationText,
  freezePolicy,
  pagesOutOfChat,
  suggestedTier,
  tiers,
  type Category,
  type Tier,
} from './policy.js';
import {
  ackCodeBinding,
  addNote,
  channelKeyOf,
  contactBinding,
  deadlineRules,
  detailsBinding,
  detailsSubject,
  event,
  hashAckCode,
  lockEscalation,
  storedPolicy,
  SUBJECT,
  summaryOf,
  type EscalationCtx,
  type Row,
  type StoredPolicy,
} from './record.js';

// What other modules (the web layer's ack link, the feature's index) use from here.
export { summaryOf, type EscalationCtx } from './record.js';
export { listEscalations, showEscalation } from './views.js';

export interface RaiseInput {
  reporterId: string;
  category: Category;
  tier?: Tier;
  caseCode?: string;
  details: string;
  clientTold: ClientTold;
  actionsTaken: string[];
  contact?: string;
  /** What it came from; a concern the source already has is linked rather than doubled. */
  source?: { debriefId?: string; sessionId?: string; concernId?: string };
}

function newAckCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => ACK_CODE_ALPHABET[b % ACK_CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

interface Raised {
  id: string;
  number: number;
  confirmation: Message;
}

/** Raises an escalation; the reporter's confirmation is returned for the caller to show. */
export async function raise(ctx: EscalationCtx, input: RaiseInput): Promise<Raised> {
  const { tx, deps, now } = ctx;
  if (!categories.some((c) => c.value === input.category))
    throw new Refusal('Please choose what kind of risk this is.');
  const settings = await readSettings(tx, deps.config);
  const zone = settings.networkTimeZone;
  const tier = input.tier ?? suggestedTier(input.category);
  if (!tiers.includes(tier)) throw new Refusal('Please choose P1, P2 or P3.');
  const duty = await whoIsOnDuty(tx, deps, now);
  const deadline = acknowledgementDeadline(tier, now, deadlineRules(deps, zone, settings.workingHours));
  // A coordinator raising while on duty cannot be the one who answers it: the backup steps up.
  let primaryId = duty.primary?.coordinatorId ?? null;
  let backupId = duty.backup?.coordinatorId ?? null;
  if (primaryId === input.reporterId) [primaryId, backupId] = [backupId, null];
  if (backupId === input.reporterId) backupId = null;
  const frozen = freezePolicy(tier, now, deadline, Boolean(primaryId), deps.config.ESCALATION_STALE_MINUTES);
  const policy: StoredPolicy = { ...frozen, primaryId, backupId };
  const id = randomUUID();
  // P1 and P2 may page out of chat, where the code is how to acknowledge without the link.
  const code = tier === 'P3' ? undefined : newAckCode();
  const caseCode = input.caseCode?.toUpperCase() || null;
  const row = await tx.escalation.create({
    data: {
      id,
      tier,
      category: input.category,
      caseCode,
      reporterId: input.reporterId,
      policy: policy as object,
      raisedAt: now,
      deadlineAt: deadline,
      clientTold: input.clientTold,
      actionsTaken: input.actionsTaken.filter((a) => actionTakenChoices.some((c) => c.value === a)),
      detailsEnc: await deps.vault.seal(
        tx,
        input.details,
        detailsBinding(id),
        detailsSubject({ caseCode, reporterId: input.reporterId }),
      ),
      contactEnc: input.contact
        ? await deps.vault.seal(tx, input.contact, contactBinding(id), { kind: 'member', id: input.reporterId })
        : null,
      ackCodeHash: code ? hashAckCode(code) : null,
      sourceDebriefId: input.source?.debriefId ?? null,
      sourceSessionId: input.source?.sessionId ?? null,
    },
  });
  await event(
    ctx,
    id,
    'escalation.raised',
    {
      number: row.number,
      tier,
      category: input.category,
      caseCode: row.caseCode,
      deadlineAt: deadline.toISOString(),
      suggested: input.tier === undefined,
    },
    input.reporterId,
  );
  const concern = await concernForEscalation(ctx, {
    escalationId: id,
    tier,
    category: input.category,
    caseCode: row.caseCode,
    reporterId: input.reporterId,
    source: input.source,
  });
  await event(ctx, id, 'escalation.concern', { concernId: concern.id, number: concern.number });
  const summary = await summaryOf(tx, deps, row);
  const codeEnc = code ? deps.cipher.seal(code, ackCodeBinding(id)) : undefined;
  await notifyStep(ctx, row, 0, codeEnc);
  await deps.outbox.enqueue(tx, {
    to: 'channel',
    channel: 'coordinators',
    key: channelKeyOf(id),
    message: channelPost(summary),
  });
  await event(ctx, id, 'escalation.posted', { channel: 'coordinators' });
  await enqueueJobs(
    tx,
    policy.steps
      .filter((s) => s.n > 0)
      .map((step) => ({
        kind: 'escalation.step',
        dueAt: new Date(step.at),
        payload: codeEnc ? { n: step.n, codeEnc } : { n: step.n },
        subject: { kind: SUBJECT, id },
        fence: String(row.epoch),
        dedupeKey: `escalation:${id}:step:${step.n}`,
        priority: URGENT_JOB_PRIORITY,
      })),
  );
  if (codeEnc && pagesOutOfChat(tier, now, deadlineRules(deps, zone, settings.workingHours)))
    await alertSharedList(ctx, row, codeEnc);
  if (tier === 'P1' || tier === 'P2') await scheduleCareAfterwards(ctx, { id, reporterId: input.reporterId });
  await ensureDutySeries(tx, deps, now);
  deps.log.info({ escalationId: id, number: row.number, tier }, 'escalation raised');
  return { id, number: row.number, confirmation: reporterConfirmation(summary, primaryId ? 'primary' : 'everyone') };
}

/**
 * The always-told list (ALERT_EMAIL_TO, the webhook's ALERT_WEBHOOK_TO or its own list): a shared
 * duty inbox, told at raise when the escalation pages out of chat, with the code and no personal link.
 */
async function alertSharedList(ctx: EscalationCtx, row: Row, codeEnc: string): Promise<void> {
  const c = ctx.deps.config;
  const kinds = [
    c.ALERT_SMTP_URL && c.ALERT_EMAIL_TO ? 'escalation.email' : '',
    c.ALERT_WEBHOOK_URL ? 'escalation.webhook' : '',
  ].filter(Boolean);
  for (const kind of kinds) {
    await enqueueJob(ctx.tx, {
      kind,
      dueAt: ctx.now,
      payload: { codeEnc },
      subject: { kind: SUBJECT, id: row.id },
      fence: String(row.epoch),
      dedupeKey: `${kind}:${row.id}`,
      priority: URGENT_JOB_PRIORITY,
    });
  }
  if (!c.ALERT_SMTP_URL && !c.ALERT_WEBHOOK_URL) {
    await event(ctx, row.id, 'escalation.out_of_chat_unconfigured');
    ctx.deps.log.warn(
      { escalationId: row.id },
      'escalation raised with no out-of-chat route configured (ALERT_SMTP_URL or ALERT_WEBHOOK_URL)',
    );
  }
}

/**
 * The agreed entry point for other features (a debrief that flags a concern, a session check-out
 * that is overdue): raises in the caller's transaction and tells the reporter by direct message.
 */
export async function raiseEscalation(ctx: EscalationCtx, input: RaiseInput): Promise<{ id: string; number: number }> {
  const raised = await raise(ctx, input);
  await ctx.deps.outbox.enqueue(ctx.tx, { to: 'member', memberId: input.reporterId, message: raised.confirmation });
  return { id: raised.id, number: raised.number };
}

/**
 * Care afterwards (TRiM cadence): check-ins for the reporter about 72 hours and 28 days after a P1
 * or P2, through welfare's scheduleCheckin (one per reason and escalation).
 */
async function scheduleCareAfterwards(
  ctx: EscalationCtx,
  escalation: { id: string; reporterId: string },
): Promise<void> {
  const plan = [
    { reason: 'trim_72h' as const, dueAt: new Date(ctx.now.getTime() + 72 * 3_600_000) },
    { reason: 'trim_28d' as const, dueAt: new Date(ctx.now.getTime() + 28 * 24 * 3_600_000) },
  ];
  for (const p of plan)
    await scheduleCheckin(ctx, {
      memberId: escalation.reporterId,
      reason: p.reason,
      dueAt: p.dueAt,
      sourceId: escalation.id,
    });
  await event(ctx, escalation.id, 'escalation.care_scheduled', { checkins: plan.map((p) => p.dueAt.toISOString()) });
}

export interface Acknowledger {
  memberId: string;
  displayName: string;
}

/** Acknowledges by id (the button, or a personal link) or by the out-of-chat code; the epoch moves, so later steps and pages do nothing. */
export async function acknowledgeEscalation(
  ctx: EscalationCtx,
  by: Acknowledger,
  which: { id: string; via?: 'chat' | 'link' } | { code: string },
): Promise<{ number: number; replies: Reply[] }> {
  const { tx, deps, now } = ctx;
  let id: string;
  if ('code' in which) {
    const found = await tx.escalation.findUnique({
      where: { ackCodeHash: hashAckCode(which.code) },
      select: { id: true },
    });
    if (!found)
      throw new Refusal(
        'That code did not match an escalation. Check it against the e-mail or text message (letters and numbers, the dash is optional).',
        'not_found',
      );
    id = found.id;
  } else id = which.id;
  const row = await lockEscalation(tx, { id });
  if (row.reporterId === by.memberId)
    throw new Refusal(
      `You raised escalation #${row.number}, so another coordinator needs to acknowledge it. They have been told.`,
    );
  const summary = await summaryOf(tx, deps, row);
  if (row.status !== 'open') {
    const who = row.acknowledgedById
      ? (await tx.member.findUnique({ where: { id: row.acknowledgedById }, select: { displayName: true } }))
          ?.displayName
      : undefined;
    return {
      number: row.number,
      replies: [
        {
          to: 'actor',
          message: {
            text: `Escalation #${row.number} is already ${row.status === 'resolved' ? 'resolved' : 'acknowledged'}${who ? ` (by ${who} at ${when(row.acknowledgedAt!, summary.zone)})` : ''}. Nothing more was changed.`,
          },
        },
      ],
    };
  }
  const epoch = row.epoch + 1;
  await tx.escalation.update({
    where: { id },
    data: { status: 'acknowledged', acknowledgedById: by.memberId, acknowledgedAt: now, lastUpdateAt: now, epoch },
  });
  await event(
    ctx,
    id,
    'escalation.acknowledged',
    {
      via: 'code' in which ? 'code' : (which.via ?? 'chat'),
      seconds: Math.round((now.getTime() - row.raisedAt.getTime()) / 1000),
      epoch,
    },
    by.memberId,
  );
  await enqueueJob(tx, {
    kind: 'escalation.stale',
    dueAt: new Date(now.getTime() + storedPolicy(row).staleAfterMinutes * 60_000),
    subject: { kind: SUBJECT, id },
    fence: String(epoch),
    dedupeKey: `escalation:${id}:stale:${now.toISOString()}`,
  });
  const replies: Reply[] = [
    ...(await updatesOf(tx, row, acknowledgedPost(summary, by.displayName, now))),
    ...(await takeForEscalation(ctx, id, by)),
  ];
  replies.push({
    to: 'member',
    memberId: row.reporterId,
    message: {
      text: `${by.displayName} (coordinator) has your escalation #${row.number} and will be in touch. If anyone’s life is in immediate danger, call the emergency services (999) first.`,
      tone: 'success',
    },
  });
  replies.push({
    to: 'actor',
    message: nextStepsMessage(
      row.number,
      id,
      `Thank you: escalation #${row.number} is yours. The reporter has been told you have it.`,
    ),
  });
  return { number: row.number, replies };
}

/** Edits the channel post and every direct message of the chain, on every platform. */
async function updatesOf(tx: Tx, row: Row, message: Message): Promise<Reply[]> {
  const notified = await tx.event.findMany({
    where: { subjectKind: SUBJECT, subjectId: row.id, kind: 'escalation.notified' },
    select: { data: true },
  });
  const keys = notified.flatMap((e) => ((e.data as { keys?: string[] }).keys ?? []) as string[]);
  return [channelKeyOf(row.id), ...keys].map((key) => ({ to: 'update' as const, key, message }));
}

const nextStepsMessage = (number: number, id: string, text: string): Message => ({
  text,
  buttons: [
    { actionId: UPDATE, label: 'Record actions or a note', value: id },
    { actionId: RESOLVE, label: 'Resolve', value: id },
  ],
  tone: 'success',
});

/** Actions and/or a note. A note never moves the epoch; the first action moves the status to in progress. */
export async function recordUpdate(
  ctx: EscalationCtx,
  by: Acknowledger,
  id: string,
  values: { actions: string[]; note?: string },
): Promise<Reply[]> {
  const { tx, deps, now } = ctx;
  const row = await lockEscalation(tx, { id });
  if (row.status === 'resolved')
    throw new Refusal(`Escalation #${row.number} is resolved; nothing more can be added.`, 'closed');
  const actions = values.actions.filter((a) => recordedActionChoices.some((c) => c.value === a));
  if (actions.length && row.status === 'open')
    throw new Refusal(
      `Please acknowledge escalation #${row.number} first (the Acknowledge button), then record what has been done. Your note, if any, was not saved either: send it again after acknowledging.`,
    );
  if (!actions.length && !values.note) throw new Refusal('Nothing to save: choose an action or write a note.');
  if (values.note) {
    await addNote(ctx, id, by.memberId, values.note);
  }
  if (actions.length) {
    await tx.escalation.update({
      where: { id },
      data: {
        status: 'in_progress',
        actionsRecorded: [...new Set([...row.actionsRecorded, ...actions])],
        lastUpdateAt: now,
      },
    });
    await event(ctx, id, 'escalation.actions', { actions }, by.memberId);
  } else if (row.status !== 'open') {
    await tx.escalation.update({ where: { id }, data: { lastUpdateAt: now } });
  }
  return [
    {
      to: 'actor',
      message: {
        text: `Saved on escalation #${row.number}.${actions.length ? ` Recorded: ${actions.map((a) => labelOf(recordedActionChoices, a)).join(', ')}.` : ''}`,
        tone: 'success',
      },
    },
  ];
}

/** Resolves with an outcome; from open it also counts as the acknowledgement. The epoch moves. */
export async function resolveEscalation(
  ctx: EscalationCtx,
  by: Acknowledger,
  id: string,
  values: { outcome: string; note?: string },
): Promise<Reply[]> {
  const { tx, deps, now } = ctx;
  const row = await lockEscalation(tx, { id });
  if (row.status === 'resolved')
    return [
      { to: 'actor', message: { text: `Escalation #${row.number} was already resolved. Nothing more was changed.` } },
    ];
  // Nobody silences their own escalation: resolving would stop the chain with themselves recorded as answering.
  if (row.reporterId === by.memberId)
    throw new Refusal(
      `You raised escalation #${row.number}, so another coordinator needs to resolve it. They have been told.`,
      'not_owner',
    );
  if (values.note) {
    await addNote(ctx, id, by.memberId, values.note);
  }
  const firstAck = row.status === 'open';
  await tx.escalation.update({
    where: { id },
    data: {
      status: 'resolved',
      resolvedAt: now,
      outcome: values.outcome,
      lastUpdateAt: now,
      epoch: row.epoch + 1,
      ...(firstAck ? { acknowledgedById: by.memberId, acknowledgedAt: now } : {}),
    },
  });
  if (firstAck)
    await event(
      ctx,
      id,
      'escalation.acknowledged',
      { via: 'resolve', seconds: Math.round((now.getTime() - row.raisedAt.getTime()) / 1000), epoch: row.epoch + 1 },
      by.memberId,
    );
  await event(ctx, id, 'escalation.resolved', { outcome: values.outcome, epoch: row.epoch + 1 }, by.memberId);
  // After a P1 or P2, the resolver is asked at once who else was involved, for post-incident support (TRiM).
  await planTrimSupport(ctx, id);
  const summary = await summaryOf(tx, deps, row);
  const replies: Reply[] = firstAck
    ? [
        ...(await updatesOf(tx, row, acknowledgedPost(summary, by.displayName, now, 'Resolved'))),
        ...(await takeForEscalation(ctx, id, by)),
      ]
    : [];
  replies.push({
    to: 'update',
    key: channelKeyOf(id),
    message: acknowledgedPost(summary, by.displayName, now, `Resolved (${labelOf(outcomeChoices, values.outcome)})`),
  });
  replies.push({
    to: 'actor',
    message: {
      text: `Escalation #${row.number} is resolved: ${labelOf(outcomeChoices, values.outcome)}. Thank you.`,
      tone: 'success',
    },
  });
  return replies;
}

/** "Acknowledged but not updated": reminds the acknowledger, then looks again after the same time. */
export async function remindIfStale(ctx: EscalationCtx, id: string): Promise<void> {
  const { tx, now } = ctx;
  const row = await lockEscalation(tx, { id });
  if (row.status === 'resolved' || row.status === 'open' || !row.acknowledgedById) return;
  const staleMs = storedPolicy(row).staleAfterMinutes * 60_000;
  const dueAt = new Date((row.lastUpdateAt ?? row.acknowledgedAt ?? now).getTime() + staleMs);
  if (dueAt > now) {
    await enqueueJob(tx, {
      kind: 'escalation.stale',
      dueAt,
      subject: { kind: SUBJECT, id },
      fence: String(row.epoch),
      dedupeKey: `escalation:${id}:stale:${dueAt.toISOString()}`,
    });
    return;
  }
  await ctx.deps.outbox.enqueue(tx, {
    to: 'member',
    memberId: row.acknowledgedById,
    message: nextStepsMessage(
      row.number,
      id,
      `A gentle reminder: escalation #${row.number} (${row.tier}, ${categoryLabel(row.category)}) has had no update for ${durationText(now.getTime() - (row.lastUpdateAt ?? row.acknowledgedAt ?? now).getTime())}. Please record what has been done, or resolve it.`,
    ),
  });
  await event(ctx, id, 'escalation.reminded', { to: row.acknowledgedById });
  const next = new Date(now.getTime() + staleMs);
  await enqueueJob(tx, {
    kind: 'escalation.stale',
    dueAt: next,
    subject: { kind: SUBJECT, id },
    fence: String(row.epoch),
    dedupeKey: `escalation:${id}:stale:${next.toISOString()}`,
  });
}

export const escalationSubject = SUBJECT;
