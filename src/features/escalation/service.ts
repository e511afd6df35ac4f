// Urgent escalations: raise, notify along the frozen chain, acknowledge (in chat or with the
// out-of-chat code), record actions and notes, resolve, and the measures. Every change and the
// messages it causes commit in one transaction; every scheduled step is fenced by the epoch.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { Message, Reply } from '../../core/message.js';
import type { Platform } from '../../core/roles.js';
import { Refusal } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import type { Subject } from '../../db/vault.js';
import { enqueueJob, enqueueJobs, URGENT_JOB_PRIORITY } from '../../jobs/enqueue.js';
import { concernForEscalation } from '../concerns/escalation-link.js';
import { takeForEscalation } from '../concerns/work.js';
import { coordinatorIds, ensureDutySeries, whoIsOnDuty } from '../duty/service.js';
import { scheduleCheckin } from '../welfare/service.js';
import {
  ACK,
  acknowledgedPost,
  type AlertReason,
  actionTakenChoices,
  categoryLabel,
  channelPost,
  coordinatorAlert,
  labelOf,
  outcomeChoices,
  RESOLVE,
  recordedActionChoices,
  reporterConfirmation,
  unansweredPost,
  UPDATE,
  when,
  type ClientTold,
  type Details,
  type Summary,
} from './forms.js';
import {
  ACK_CODE_ALPHABET,
  acknowledgementDeadline,
  categories,
  durationText,
  freezePolicy,
  normaliseAckCode,
  percentile,
  suggestedTier,
  tiers,
  type Audience,
  type Category,
  type DeadlineRules,
  type FrozenPolicy,
  type Tier,
} from './policy.js';

export interface EscalationCtx {
  tx: Tx;
  deps: Deps;
  now: Date;
  surface?: Platform;
}

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

/** The policy as stored: the frozen chain and who was primary and backup at raise. */
export interface StoredPolicy extends FrozenPolicy {
  primaryId: string | null;
  backupId: string | null;
}

const SUBJECT = 'escalation';
const channelKeyOf = (id: string) => `escalation:${id}:channel`;
const dmKeyOf = (id: string, n: number, memberId: string) => `escalation:${id}:step${n}:${memberId}`;
const detailsBinding = (id: string) => ({ table: 'Escalation', column: 'detailsEnc', rowId: id });
const contactBinding = (id: string) => ({ table: 'Escalation', column: 'contactEnc', rowId: id });
export const ackCodeBinding = (id: string) => ({ table: 'Job', column: 'payload.codeEnc', rowId: id });
export const hashAckCode = (code: string) => createHash('sha256').update(normaliseAckCode(code)).digest('hex');

export function deadlineRules(deps: Deps, zone: string, workingHours: { start: string; end: string }): DeadlineRules {
  const c = deps.config;
  return {
    p1Minutes: c.ESCALATION_P1_MINUTES,
    p2Minutes: c.ESCALATION_P2_MINUTES,
    p3DueBy: c.ESCALATION_P3_DUE_BY,
    p3CutOff: c.ESCALATION_P3_CUT_OFF,
    workingHours,
    workingDays: [1, 2, 3, 4, 5],
    zone,
  };
}

function newAckCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => ACK_CODE_ALPHABET[b % ACK_CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

const event = (ctx: EscalationCtx, id: string, kind: string, data: Record<string, string | number | boolean | string[] | null> = {}, actorId?: string) =>
  recordEvent(ctx.tx, { subjectKind: SUBJECT, subjectId: id, kind, at: ctx.now, actorId, surface: ctx.surface, data });

const noteBinding = (id: string) => ({ table: 'EscalationNote', column: 'noteEnc', rowId: id });

/** What happened is about the case when one is named (erasing the case erases it), else the reporter's. */
const detailsSubject = (row: { caseCode: string | null; reporterId: string }): Subject => (row.caseCode ? { kind: 'case', id: row.caseCode } : { kind: 'member', id: row.reporterId });
/** A coordinator's alert carries what happened and how to reach the reporter: sealed under both. */
const alertSubjects = (row: { caseCode: string | null; reporterId: string; contactEnc: string | null }): Subject[] =>
  row.contactEnc && row.caseCode ? [detailsSubject(row), { kind: 'member', id: row.reporterId }] : [detailsSubject(row)];

/** A note is its own sealed row (under the case's key, else its author's); the timeline event carries only its id. */
async function addNote(ctx: EscalationCtx, escalationId: string, authorId: string, note: string): Promise<void> {
  const noteId = randomUUID();
  const about = await ctx.tx.escalation.findUnique({ where: { id: escalationId }, select: { caseCode: true } });
  const noteEnc = await ctx.deps.vault.seal(ctx.tx, note, noteBinding(noteId), detailsSubject({ caseCode: about?.caseCode ?? null, reporterId: authorId }));
  await ctx.tx.escalationNote.create({ data: { id: noteId, escalationId, authorId, noteEnc, createdAt: ctx.now } });
  await event(ctx, escalationId, 'escalation.note', { noteId }, authorId);
}

async function readNote(ctx: Pick<EscalationCtx, 'tx' | 'deps'>, noteId: string): Promise<string> {
  const note = await ctx.tx.escalationNote.findUnique({ where: { id: noteId } });
  return note ? ctx.deps.vault.open(ctx.tx, note.noteEnc, noteBinding(note.id)) : '(removed)';
}

type Row = NonNullable<Awaited<ReturnType<Tx['escalation']['findUnique']>>>;

/** Locks the escalation row (acknowledge, resolve, steps and updates serialise on it). */
async function lockEscalation(tx: Tx, where: { id: string } | { number: number }): Promise<Row> {
  const found = 'id' in where ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Escalation" WHERE "id" = ${where.id}::uuid FOR UPDATE` : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Escalation" WHERE "number" = ${where.number} FOR UPDATE`;
  if (!found[0]) throw new Refusal('I could not find that escalation. Check its number with /escalation list.', 'not_found');
  return tx.escalation.findUniqueOrThrow({ where: { id: found[0].id } });
}

export async function summaryOf(tx: Tx, deps: Deps, row: Row): Promise<Summary> {
  const [reporter, settings] = await Promise.all([tx.member.findUnique({ where: { id: row.reporterId }, select: { displayName: true } }), readSettings(tx, deps.config)]);
  return { id: row.id, number: row.number, tier: row.tier, category: row.category, caseCode: row.caseCode, reporterName: reporter?.displayName ?? 'a former member', raisedAt: row.raisedAt, zone: settings.networkTimeZone };
}

async function detailsOf(tx: Tx, deps: Deps, row: Row): Promise<Details> {
  return {
    details: await deps.vault.open(tx, row.detailsEnc, detailsBinding(row.id)),
    clientTold: row.clientTold,
    actionsTaken: row.actionsTaken,
    contact: row.contactEnc ? await deps.vault.open(tx, row.contactEnc, contactBinding(row.id)) : null,
  };
}

/** Who a step's audiences mean now. */
async function recipientsOf(tx: Tx, deps: Deps, policy: StoredPolicy, audiences: Audience[], now: Date, reporterId: string): Promise<{ memberId: string; reason: AlertReason }[]> {
  const out = new Map<string, AlertReason>();
  for (const audience of audiences) {
    if (audience === 'primary' && policy.primaryId) out.set(policy.primaryId, out.has(policy.primaryId) ? 'again' : 'primary');
    if (audience === 'backup') {
      const backup = policy.backupId ?? (await whoIsOnDuty(tx, deps, now)).backup?.coordinatorId;
      if (backup && backup !== policy.primaryId && backup !== reporterId) {
        if (!out.has(backup)) out.set(backup, 'backup');
      } else if (!audiences.includes('all')) {
        // Nobody to be the backup: the step goes to every coordinator rather than to nobody.
        for (const id of await coordinatorIds(tx)) if (!out.has(id) && id !== reporterId) out.set(id, 'all');
      }
    }
    if (audience === 'all') for (const id of await coordinatorIds(tx)) if (!out.has(id) && id !== reporterId) out.set(id, 'all');
  }
  return [...out].map(([memberId, reason]) => ({ memberId, reason }));
}

/** The last word of an unanswered chain: the coordinators' channel and every admin, minimal facts only. */
async function notifyUnanswered(ctx: EscalationCtx, row: Row, n: number, summary: Summary): Promise<{ memberIds: string[]; keys: string[] }> {
  const message = unansweredPost(summary, durationText(ctx.now.getTime() - row.raisedAt.getTime()));
  const admins = await ctx.tx.member.findMany({ where: { roles: { has: 'admin' }, status: { not: 'left' }, id: { not: row.reporterId } }, select: { id: true } });
  const keys = [`escalation:${row.id}:unanswered`];
  await ctx.deps.outbox.enqueue(ctx.tx, { to: 'channel', channel: 'coordinators', key: keys[0], message });
  for (const { id } of admins) {
    keys.push(dmKeyOf(row.id, n, id));
    await ctx.deps.outbox.enqueue(ctx.tx, { to: 'member', memberId: id, key: keys.at(-1), message });
  }
  return { memberIds: admins.map((a) => a.id), keys };
}

/** Sends one step of the chain: direct messages with the details, and its event. */
async function notifyStep(ctx: EscalationCtx, row: Row, n: number): Promise<string[]> {
  const policy = row.policy as unknown as StoredPolicy;
  const step = policy.steps.find((s) => s.n === n);
  if (!step) return [];
  const summary = await summaryOf(ctx.tx, ctx.deps, row);
  if (step.to.includes('unanswered')) {
    const told = await notifyUnanswered(ctx, row, n, summary);
    await event(ctx, row.id, 'escalation.notified', { step: n, audience: step.to, memberIds: told.memberIds, keys: told.keys });
    return told.memberIds;
  }
  const recipients = await recipientsOf(ctx.tx, ctx.deps, policy, step.to, ctx.now, row.reporterId);
  const details = await detailsOf(ctx.tx, ctx.deps, row);
  const loops = policy.steps.filter((s) => s.loop).length;
  const keys: string[] = [];
  for (const { memberId, reason } of recipients) {
    const key = dmKeyOf(row.id, n, memberId);
    const why = step.loop ? 'repeat' : n > 0 && reason === 'primary' ? 'again' : reason;
    await ctx.deps.outbox.enqueue(ctx.tx, { to: 'member', memberId, key, message: coordinatorAlert(summary, details, why, step.loop ? { n: step.loop, of: loops } : undefined), subjects: alertSubjects(row) });
    keys.push(key);
  }
  await event(ctx, row.id, 'escalation.notified', { step: n, audience: step.to, memberIds: recipients.map((r) => r.memberId), keys });
  return recipients.map((r) => r.memberId);
}

interface Raised {
  id: string;
  number: number;
  confirmation: Message;
}

/** Raises an escalation; the reporter's confirmation is returned for the caller to show. */
export async function raise(ctx: EscalationCtx, input: RaiseInput): Promise<Raised> {
  const { tx, deps, now } = ctx;
  if (!categories.some((c) => c.value === input.category)) throw new Refusal('Please choose what kind of risk this is.');
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
  const code = tier === 'P1' ? newAckCode() : undefined;
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
      detailsEnc: await deps.vault.seal(tx, input.details, detailsBinding(id), detailsSubject({ caseCode, reporterId: input.reporterId })),
      contactEnc: input.contact ? await deps.vault.seal(tx, input.contact, contactBinding(id), { kind: 'member', id: input.reporterId }) : null,
      ackCodeHash: code ? hashAckCode(code) : null,
      sourceDebriefId: input.source?.debriefId ?? null,
      sourceSessionId: input.source?.sessionId ?? null,
    },
  });
  await event(ctx, id, 'escalation.raised', { number: row.number, tier, category: input.category, caseCode: row.caseCode, deadlineAt: deadline.toISOString(), suggested: input.tier === undefined }, input.reporterId);
  const concern = await concernForEscalation(ctx, { escalationId: id, tier, category: input.category, caseCode: row.caseCode, reporterId: input.reporterId, source: input.source });
  await event(ctx, id, 'escalation.concern', { concernId: concern.id, number: concern.number });
  const summary = await summaryOf(tx, deps, row);
  await notifyStep(ctx, row, 0);
  await deps.outbox.enqueue(tx, { to: 'channel', channel: 'coordinators', key: channelKeyOf(id), message: channelPost(summary) });
  await event(ctx, id, 'escalation.posted', { channel: 'coordinators' });
  await enqueueJobs(
    tx,
    policy.steps
      .filter((s) => s.n > 0)
      .map((step) => ({ kind: 'escalation.step', dueAt: new Date(step.at), payload: { n: step.n }, subject: { kind: SUBJECT, id }, fence: String(row.epoch), dedupeKey: `escalation:${id}:step:${step.n}`, priority: URGENT_JOB_PRIORITY })),
  );
  if (code && (deps.config.ALERT_SMTP_URL || deps.config.ALERT_WEBHOOK_URL)) {
    const codeEnc = deps.cipher.seal(code, ackCodeBinding(id));
    for (const kind of [deps.config.ALERT_SMTP_URL && deps.config.ALERT_EMAIL_TO ? 'escalation.email' : '', deps.config.ALERT_WEBHOOK_URL ? 'escalation.webhook' : ''].filter(Boolean)) {
      await enqueueJob(tx, { kind, dueAt: now, payload: { codeEnc }, subject: { kind: SUBJECT, id }, fence: String(row.epoch), dedupeKey: `${kind}:${id}`, priority: URGENT_JOB_PRIORITY });
    }
  } else if (code) {
    await event(ctx, id, 'escalation.out_of_chat_unconfigured');
    deps.log.warn({ escalationId: id }, 'P1 raised with no out-of-chat route configured (ALERT_SMTP_URL or ALERT_WEBHOOK_URL)');
  }
  if (tier === 'P1' || tier === 'P2') await scheduleCareAfterwards(ctx, { id, reporterId: input.reporterId });
  await ensureDutySeries(tx, deps, now);
  deps.log.info({ escalationId: id, number: row.number, tier }, 'escalation raised');
  return { id, number: row.number, confirmation: reporterConfirmation(summary, primaryId ? 'primary' : 'everyone') };
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
async function scheduleCareAfterwards(ctx: EscalationCtx, escalation: { id: string; reporterId: string }): Promise<void> {
  const plan = [
    { reason: 'trim_72h' as const, dueAt: new Date(ctx.now.getTime() + 72 * 3_600_000) },
    { reason: 'trim_28d' as const, dueAt: new Date(ctx.now.getTime() + 28 * 24 * 3_600_000) },
  ];
  for (const p of plan) await scheduleCheckin(ctx, { memberId: escalation.reporterId, reason: p.reason, dueAt: p.dueAt, sourceId: escalation.id });
  await event(ctx, escalation.id, 'escalation.care_scheduled', { checkins: plan.map((p) => p.dueAt.toISOString()) });
}

/** One step of the chain, from its job (already fenced by the epoch). */
export async function runStep(ctx: EscalationCtx, id: string, n: number): Promise<void> {
  const row = await lockEscalation(ctx.tx, { id });
  if (row.status !== 'open') return;
  await notifyStep(ctx, row, n);
}

export interface Acknowledger {
  memberId: string;
  displayName: string;
}

/** Acknowledges by id (the button) or by the out-of-chat code; the epoch moves, so later steps do nothing. */
export async function acknowledgeEscalation(ctx: EscalationCtx, by: Acknowledger, which: { id: string } | { code: string }): Promise<{ number: number; replies: Reply[] }> {
  const { tx, deps, now } = ctx;
  let id: string;
  if ('code' in which) {
    const found = await tx.escalation.findUnique({ where: { ackCodeHash: hashAckCode(which.code) }, select: { id: true } });
    if (!found) throw new Refusal('That code did not match an escalation. Check it against the e-mail or text message (letters and numbers, the dash is optional).', 'not_found');
    id = found.id;
  } else id = which.id;
  const row = await lockEscalation(tx, { id });
  if (row.reporterId === by.memberId) throw new Refusal(`You raised escalation #${row.number}, so another coordinator needs to acknowledge it. They have been told.`);
  const summary = await summaryOf(tx, deps, row);
  if (row.status !== 'open') {
    const who = row.acknowledgedById ? (await tx.member.findUnique({ where: { id: row.acknowledgedById }, select: { displayName: true } }))?.displayName : undefined;
    return { number: row.number, replies: [{ to: 'actor', message: { text: `Escalation #${row.number} is already ${row.status === 'resolved' ? 'resolved' : 'acknowledged'}${who ? ` (by ${who} at ${when(row.acknowledgedAt!, summary.zone)})` : ''}. Nothing more was changed.` } }] };
  }
  const epoch = row.epoch + 1;
  await tx.escalation.update({ where: { id }, data: { status: 'acknowledged', acknowledgedById: by.memberId, acknowledgedAt: now, lastUpdateAt: now, epoch } });
  await event(ctx, id, 'escalation.acknowledged', { via: 'code' in which ? 'code' : 'chat', seconds: Math.round((now.getTime() - row.raisedAt.getTime()) / 1000), epoch }, by.memberId);
  await enqueueJob(tx, { kind: 'escalation.stale', dueAt: new Date(now.getTime() + (row.policy as unknown as StoredPolicy).staleAfterMinutes * 60_000), subject: { kind: SUBJECT, id }, fence: String(epoch), dedupeKey: `escalation:${id}:stale:${now.toISOString()}` });
  const replies: Reply[] = [...(await updatesOf(tx, row, acknowledgedPost(summary, by.displayName, now))), ...(await takeForEscalation(ctx, id, by))];
  replies.push({
    to: 'member',
    memberId: row.reporterId,
    message: { text: `${by.displayName} (coordinator) has your escalation #${row.number} and will be in touch. If anyone’s life is in immediate danger, call the emergency services (999) first.`, tone: 'success' },
  });
  replies.push({ to: 'actor', message: nextStepsMessage(row.number, id, `Thank you: escalation #${row.number} is yours. The reporter has been told you have it.`) });
  return { number: row.number, replies };
}

/** Edits the channel post and every direct message of the chain, on every platform. */
async function updatesOf(tx: Tx, row: Row, message: Message): Promise<Reply[]> {
  const notified = await tx.event.findMany({ where: { subjectKind: SUBJECT, subjectId: row.id, kind: 'escalation.notified' }, select: { data: true } });
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
export async function recordUpdate(ctx: EscalationCtx, by: Acknowledger, id: string, values: { actions: string[]; note?: string }): Promise<Reply[]> {
  const { tx, deps, now } = ctx;
  const row = await lockEscalation(tx, { id });
  if (row.status === 'resolved') throw new Refusal(`Escalation #${row.number} is resolved; nothing more can be added.`, 'closed');
  const actions = values.actions.filter((a) => recordedActionChoices.some((c) => c.value === a));
  if (actions.length && row.status === 'open') throw new Refusal(`Please acknowledge escalation #${row.number} first (the Acknowledge button), then record what has been done. Your note, if any, was not saved either: send it again after acknowledging.`);
  if (!actions.length && !values.note) throw new Refusal('Nothing to save: choose an action or write a note.');
  if (values.note) {
    await addNote(ctx, id, by.memberId, values.note);
  }
  if (actions.length) {
    await tx.escalation.update({ where: { id }, data: { status: 'in_progress', actionsRecorded: [...new Set([...row.actionsRecorded, ...actions])], lastUpdateAt: now } });
    await event(ctx, id, 'escalation.actions', { actions }, by.memberId);
  } else if (row.status !== 'open') {
    await tx.escalation.update({ where: { id }, data: { lastUpdateAt: now } });
  }
  return [{ to: 'actor', message: { text: `Saved on escalation #${row.number}.${actions.length ? ` Recorded: ${actions.map((a) => labelOf(recordedActionChoices, a)).join(', ')}.` : ''}`, tone: 'success' } }];
}

/** Resolves with an outcome; from open it also counts as the acknowledgement. The epoch moves. */
export async function resolveEscalation(ctx: EscalationCtx, by: Acknowledger, id: string, values: { outcome: string; note?: string }): Promise<Reply[]> {
  const { tx, deps, now } = ctx;
  const row = await lockEscalation(tx, { id });
  if (row.status === 'resolved') return [{ to: 'actor', message: { text: `Escalation #${row.number} was already resolved. Nothing more was changed.` } }];
  // Nobody silences their own escalation: resolving would stop the chain with themselves recorded as answering.
  if (row.reporterId === by.memberId) throw new Refusal(`You raised escalation #${row.number}, so another coordinator needs to resolve it. They have been told.`, 'not_owner');
  if (values.note) {
    await addNote(ctx, id, by.memberId, values.note);
  }
  const firstAck = row.status === 'open';
  await tx.escalation.update({
    where: { id },
    data: { status: 'resolved', resolvedAt: now, outcome: values.outcome, lastUpdateAt: now, epoch: row.epoch + 1, ...(firstAck ? { acknowledgedById: by.memberId, acknowledgedAt: now } : {}) },
  });
  if (firstAck) await event(ctx, id, 'escalation.acknowledged', { via: 'resolve', seconds: Math.round((now.getTime() - row.raisedAt.getTime()) / 1000), epoch: row.epoch + 1 }, by.memberId);
  await event(ctx, id, 'escalation.resolved', { outcome: values.outcome, epoch: row.epoch + 1 }, by.memberId);
  const summary = await summaryOf(tx, deps, row);
  const replies: Reply[] = firstAck ? [...(await updatesOf(tx, row, acknowledgedPost(summary, by.displayName, now, 'Resolved'))), ...(await takeForEscalation(ctx, id, by))] : [];
  replies.push({ to: 'update', key: channelKeyOf(id), message: acknowledgedPost(summary, by.displayName, now, `Resolved (${labelOf(outcomeChoices, values.outcome)})`) });
  replies.push({ to: 'actor', message: { text: `Escalation #${row.number} is resolved: ${labelOf(outcomeChoices, values.outcome)}. Thank you.`, tone: 'success' } });
  return replies;
}

/** "Acknowledged but not updated": reminds the acknowledger, then looks again after the same time. */
export async function remindIfStale(ctx: EscalationCtx, id: string): Promise<void> {
  const { tx, now } = ctx;
  const row = await lockEscalation(tx, { id });
  if (row.status === 'resolved' || row.status === 'open' || !row.acknowledgedById) return;
  const staleMs = (row.policy as unknown as StoredPolicy).staleAfterMinutes * 60_000;
  const dueAt = new Date((row.lastUpdateAt ?? row.acknowledgedAt ?? now).getTime() + staleMs);
  if (dueAt > now) {
    await enqueueJob(tx, { kind: 'escalation.stale', dueAt, subject: { kind: SUBJECT, id }, fence: String(row.epoch), dedupeKey: `escalation:${id}:stale:${dueAt.toISOString()}` });
    return;
  }
  await ctx.deps.outbox.enqueue(tx, {
    to: 'member',
    memberId: row.acknowledgedById,
    message: nextStepsMessage(row.number, id, `A gentle reminder: escalation #${row.number} (${row.tier}, ${categoryLabel(row.category)}) has had no update for ${durationText(now.getTime() - (row.lastUpdateAt ?? row.acknowledgedAt ?? now).getTime())}. Please record what has been done, or resolve it.`),
  });
  await event(ctx, id, 'escalation.reminded', { to: row.acknowledgedById });
  const next = new Date(now.getTime() + staleMs);
  await enqueueJob(tx, { kind: 'escalation.stale', dueAt: next, subject: { kind: SUBJECT, id }, fence: String(row.epoch), dedupeKey: `escalation:${id}:stale:${next.toISOString()}` });
}

/** The out-of-chat alert's content for a job (minimal facts; the code opened from the payload). */
export async function outOfChatSummary(tx: Tx, deps: Deps, id: string): Promise<Summary | undefined> {
  const row = await tx.escalation.findUnique({ where: { id } });
  if (!row || row.status !== 'open') return undefined;
  return summaryOf(tx, deps, row);
}

const eventWords: Record<string, string> = {
  'escalation.raised': 'raised',
  'escalation.notified': 'notified',
  'escalation.posted': 'posted in the coordinators’ channel',
  'escalation.out_of_chat': 'sent out of chat',
  'escalation.out_of_chat_unconfigured': 'no out-of-chat route configured',
  'escalation.acknowledged': 'acknowledged',
  'escalation.note': 'note added',
  'escalation.actions': 'actions recorded',
  'escalation.reminded': 'reminder sent (no update)',
  'escalation.resolved': 'resolved',
  'escalation.viewed': 'viewed',
  'escalation.care_scheduled': 'welfare check-ins scheduled for the reporter',
};

/** The escalation with its details and timeline, for a coordinator; the view is audited. */
export async function showEscalation(ctx: EscalationCtx, viewerId: string, number: number): Promise<Message[]> {
  const { tx, deps } = ctx;
  const row = await tx.escalation.findUnique({ where: { number } });
  if (!row) throw new Refusal(`There is no escalation #${number}. /escalation list shows the open ones.`, 'not_found');
  await event(ctx, row.id, 'escalation.viewed', {}, viewerId);
  const summary = await summaryOf(tx, deps, row);
  const details = await detailsOf(tx, deps, row);
  const events = await tx.event.findMany({ where: { subjectKind: SUBJECT, subjectId: row.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  const mentioned = new Set<string>();
  for (const e of events) {
    if (e.actorId) mentioned.add(e.actorId);
    for (const m of ((e.data as { memberIds?: string[] }).memberIds ?? []) as string[]) mentioned.add(m);
  }
  const names = new Map((await tx.member.findMany({ where: { id: { in: [...mentioned] } }, select: { id: true, displayName: true } })).map((m) => [m.id, m.displayName]));
  const lines: string[] = [];
  for (const e of events) {
    const data = e.data as Record<string, unknown>;
    let what = eventWords[e.kind] ?? e.kind;
    if (e.kind === 'escalation.notified') what = `told ${((data.memberIds as string[]) ?? []).map((m) => names.get(m) ?? 'a coordinator').join(', ') || 'nobody (no coordinators)'} (${(data.audience as string[]).join(' + ')})`;
    if (e.kind === 'escalation.note') what = `note: ${await readNote(ctx, String(data.noteId))}`;
    if (e.kind === 'escalation.actions') what = `actions: ${((data.actions as string[]) ?? []).map((a) => labelOf(recordedActionChoices, a)).join(', ')}`;
    if (e.kind === 'escalation.resolved') what = `resolved: ${labelOf(outcomeChoices, String(data.outcome))}`;
    if (e.kind === 'escalation.out_of_chat') what = `sent by ${String(data.route)}`;
    const who = e.actorId ? ` by ${names.get(e.actorId) ?? 'a former member'}` : '';
    lines.push(`${when(e.at, summary.zone)} ${what}${who}${e.surface ? ` (${e.surface})` : ''}`);
  }
  const buttons = row.status === 'resolved' ? [] : [...(row.status === 'open' ? [{ actionId: ACK, label: 'Acknowledge', value: row.id, style: 'primary' as const }] : []), { actionId: UPDATE, label: 'Record actions or a note', value: row.id }, { actionId: RESOLVE, label: 'Resolve', value: row.id }];
  return [
    {
      title: `${row.tier} escalation #${row.number} (${row.status.replace('_', ' ')})`,
      text: `${categoryLabel(row.category)}${row.caseCode ? `, case ${row.caseCode}` : ''}, raised by ${summary.reporterName} at ${when(row.raisedAt, summary.zone)}; acknowledge by ${when(row.deadlineAt, summary.zone)}. Coordinators only: this view is recorded.`,
      fields: [
        ...coordinatorAlert(summary, details, 'primary').fields!,
        { label: 'Actions recorded', value: row.actionsRecorded.map((a) => labelOf(recordedActionChoices, a)).join(', ') || '—' },
        ...(row.outcome ? [{ label: 'Outcome', value: labelOf(outcomeChoices, row.outcome) }] : []),
      ],
      buttons,
      tone: row.status === 'open' ? 'urgent' : 'info',
    },
    { title: 'Timeline', text: lines.join('\n') },
  ];
}

export interface AckStats {
  tier: Tier;
  count: number;
  medianMs?: number;
  p90Ms?: number;
}

/** Time to acknowledge per tier over the escalations raised in [from, to). */
export async function acknowledgementStats(tx: Tx, from: Date, to: Date): Promise<AckStats[]> {
  const rows = await tx.escalation.findMany({ where: { raisedAt: { gte: from, lt: to }, acknowledgedAt: { not: null } }, select: { tier: true, raisedAt: true, acknowledgedAt: true } });
  return tiers.map((tier) => {
    const values = rows.filter((r) => r.tier === tier).map((r) => r.acknowledgedAt!.getTime() - r.raisedAt.getTime());
    return { tier, count: values.length, medianMs: percentile(values, 50), p90Ms: percentile(values, 90) };
  });
}

export async function listEscalations(ctx: EscalationCtx, days: number): Promise<Message[]> {
  const { tx, deps, now } = ctx;
  const zone = (await readSettings(tx, deps.config)).networkTimeZone;
  const unresolved = await tx.escalation.findMany({ where: { status: { not: 'resolved' } }, orderBy: [{ tier: 'asc' }, { raisedAt: 'asc' }], take: 50 });
  const stats = await acknowledgementStats(tx, new Date(now.getTime() - days * 24 * 3_600_000), now);
  return [
    {
      title: 'Escalations not yet resolved',
      text: unresolved.length ? 'Use /escalation show <number> for the details and the timeline.' : 'None: every escalation is resolved.',
      fields: unresolved.map((r) => ({ label: `#${r.number} ${r.tier} ${r.status.replace('_', ' ')}`, value: `${categoryLabel(r.category)}${r.caseCode ? `, ${r.caseCode}` : ''}, raised ${when(r.raisedAt, zone)}` })),
    },
    {
      title: `Time to acknowledge, last ${days} days`,
      text: 'Median and 90th percentile, per tier, of escalations raised in the period and acknowledged.',
      fields: stats.map((s) => ({ label: s.tier, value: s.count ? `median ${durationText(s.medianMs!)}, 90th percentile ${durationText(s.p90Ms!)} (${s.count})` : 'none acknowledged' })),
    },
  ];
}

export const escalationSubject = SUBJECT;
