// Raising an escalation: the record with its frozen chain, its concern, the first step's messages,
// the coordinators' channel post, the scheduled steps, the shared alert list and the care that
// follows a P1 or P2. Everything commits in the caller's transaction.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { enqueueJob, enqueueJobs, URGENT_JOB_PRIORITY } from '../../jobs/enqueue.js';
import { concernForEscalation } from '../concerns/api.js';
import { ensureDutySeries, whoIsOnDuty } from '../duty/api.js';
import { scheduleCheckin } from '../welfare/api.js';
import { actionTakenChoices, type ClientTold } from './forms.js';
import { channelPost, reporterConfirmation } from './messages.js';
import { notifyStep } from './notify.js';
import {
  ACK_CODE_ALPHABET,
  acknowledgementDeadline,
  categories,
  freezePolicy,
  pagesOutOfChat,
  suggestedTier,
  tiers,
  type Category,
  type Tier,
} from './policy.js';
import {
  ackCodeBinding,
  channelKeyOf,
  contactBinding,
  deadlineRules,
  detailsBinding,
  detailsSubject,
  event,
  hashAckCode,
  SUBJECT,
  summaryOf,
  type Row,
  type StoredPolicy,
} from './record.js';

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

export interface Raised {
  id: string;
  number: number;
  confirmation: Message;
}

/** Raises an escalation; the reporter's confirmation is returned for the caller to show. */
export async function raise(ctx: UseCaseContext, input: RaiseInput): Promise<Raised> {
  const { tx, deps, now } = ctx;
  if (!categories.some((c) => c.value === input.category))
    throw new Refusal('Please choose what kind of risk this is.');
  const settings = await readSettings(tx, deps);
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
    urgent: true,
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
async function alertSharedList(ctx: UseCaseContext, row: Row, codeEnc: string): Promise<void> {
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
export async function raiseEscalation(ctx: UseCaseContext, input: RaiseInput): Promise<{ id: string; number: number }> {
  const raised = await raise(ctx, input);
  await ctx.deps.outbox.enqueue(ctx.tx, {
    to: 'member',
    memberId: input.reporterId,
    message: raised.confirmation,
    urgent: true,
  });
  return { id: raised.id, number: raised.number };
}

/**
 * Care afterwards (TRiM cadence): check-ins for the reporter about 72 hours and 28 days after a P1
 * or P2, through welfare's scheduleCheckin (one per reason and escalation).
 */
async function scheduleCareAfterwards(
  ctx: UseCaseContext,
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
