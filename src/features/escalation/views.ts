// What coordinators read: one escalation with its details and timeline (the view is audited), the
// ones not yet resolved, and the time to acknowledge per tier.
import { z } from 'zod';
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { labelOf, shortWhen } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import { outcomeChoices, RESOLVE, recordedActionChoices, UPDATE } from './forms.js';
import { ackButton, categoryLabel, coordinatorAlert } from './messages.js';
import { readNote } from './notes.js';
import { durationText, percentile, tiers, type Tier } from './policy.js';
import { detailsOf, event, SUBJECT, summaryOf } from './record.js';
import { unresolvedEscalations } from './unresolved.js';

/** What the timeline reads of an event's stored data (each kind writes some of these). */
const eventData = z.object({
  memberIds: z.array(z.string()).optional(),
  audience: z.array(z.string()).optional(),
  noteId: z.string().optional(),
  actions: z.array(z.string()).optional(),
  outcome: z.string().optional(),
  route: z.string().optional(),
  method: z.string().optional(),
  step: z.number().optional(),
});

const eventWords: Record<string, string> = {
  'escalation.raised': 'raised',
  'escalation.notified': 'notified',
  'escalation.posted': 'posted in the coordinators’ channel',
  'escalation.out_of_chat': 'sent out of chat',
  'escalation.paged': 'paged',
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
export async function showEscalation(ctx: ActorContext, number: number): Promise<Message[]> {
  const { tx, deps } = ctx;
  const row = await tx.escalation.findUnique({ where: { number } });
  if (!row) throw new Refusal(`There is no escalation #${number}. /escalation list shows the open ones.`, 'not_found');
  await event(ctx, row.id, 'escalation.viewed', {}, ctx.actor.memberId);
  const summary = await summaryOf(tx, deps, row);
  const details = await detailsOf(tx, deps, row);
  const events = (
    await tx.event.findMany({
      where: { subjectKind: SUBJECT, subjectId: row.id },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    })
  ).map((e) => ({ ...e, data: eventData.parse(e.data) }));
  const mentioned = new Set<string>();
  for (const e of events) {
    if (e.actorId) mentioned.add(e.actorId);
    for (const m of e.data.memberIds ?? []) mentioned.add(m);
  }
  const names = new Map(
    (await tx.member.findMany({ where: { id: { in: [...mentioned] } }, select: { id: true, displayName: true } })).map(
      (m) => [m.id, m.displayName],
    ),
  );
  const told = (ids: string[] | undefined) => (ids ?? []).map((m) => names.get(m) ?? 'a coordinator').join(', ');
  const lines: string[] = [];
  for (const e of events) {
    const data = e.data;
    let what = eventWords[e.kind] ?? e.kind;
    if (e.kind === 'escalation.notified')
      what = `told ${told(data.memberIds) || 'nobody (no coordinators)'} (${(data.audience ?? []).join(' + ')})`;
    if (e.kind === 'escalation.note') what = `note: ${await readNote(ctx, String(data.noteId))}`;
    if (e.kind === 'escalation.actions')
      what = `actions: ${(data.actions ?? []).map((a) => labelOf(recordedActionChoices, a)).join(', ')}`;
    if (e.kind === 'escalation.resolved') what = `resolved: ${labelOf(outcomeChoices, String(data.outcome))}`;
    if (e.kind === 'escalation.out_of_chat') what = `sent by ${String(data.route)}`;
    if (e.kind === 'escalation.paged')
      what = `paged ${told(data.memberIds)} by ${data.method === 'sms' ? 'SMS' : 'e-mail'} (step ${String(data.step)})`;
    const who = e.actorId ? ` by ${names.get(e.actorId) ?? 'a former member'}` : '';
    lines.push(`${shortWhen(e.at, summary.zone)} ${what}${who}${e.surface ? ` (${e.surface})` : ''}`);
  }
  const buttons =
    row.status === 'resolved'
      ? []
      : [
          ...(row.status === 'open' ? [ackButton(row.id)] : []),
          { actionId: UPDATE, label: 'Record actions or a note', value: row.id },
          { actionId: RESOLVE, label: 'Resolve', value: row.id },
        ];
  return [
    {
      title: `${row.tier} escalation #${row.number} (${row.status.replace('_', ' ')})`,
      text: `${categoryLabel(row.category)}${row.caseCode ? `, case ${row.caseCode}` : ''}, raised by ${summary.reporterName} at ${shortWhen(row.raisedAt, summary.zone)}; acknowledge by ${shortWhen(row.deadlineAt, summary.zone)}. Coordinators only: this view is recorded.`,
      fields: [
        ...coordinatorAlert(summary, details, 'primary').fields!,
        {
          label: 'Actions recorded',
          value: row.actionsRecorded.map((a) => labelOf(recordedActionChoices, a)).join(', ') || '—',
        },
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
  const rows = await tx.escalation.findMany({
    where: { raisedAt: { gte: from, lt: to }, acknowledgedAt: { not: null } },
    select: { tier: true, raisedAt: true, acknowledgedAt: true },
  });
  return tiers.map((tier) => {
    const values = rows.filter((r) => r.tier === tier).map((r) => r.acknowledgedAt!.getTime() - r.raisedAt.getTime());
    return { tier, count: values.length, medianMs: percentile(values, 50), p90Ms: percentile(values, 90) };
  });
}

export async function listEscalations(ctx: UseCaseContext, days: number): Promise<Message[]> {
  const { tx, deps, now } = ctx;
  const zone = (await readSettings(tx, deps)).networkTimeZone;
  const unresolved = await unresolvedEscalations(tx, 50);
  const stats = await acknowledgementStats(tx, new Date(now.getTime() - days * 24 * 3_600_000), now);
  return [
    {
      title: 'Escalations not yet resolved',
      text: unresolved.length
        ? 'Use /escalation show <number> for the details and the timeline.'
        : 'None: every escalation is resolved.',
      fields: unresolved.map((r) => ({
        label: `#${r.number} ${r.tier} ${r.status.replace('_', ' ')}`,
        value: `${categoryLabel(r.category)}${r.caseCode ? `, ${r.caseCode}` : ''}, raised ${shortWhen(r.raisedAt, zone)}`,
      })),
    },
    {
      title: `Time to acknowledge, last ${days} days`,
      text: 'Median and 90th percentile, per tier, of escalations raised in the period and acknowledged.',
      fields: stats.map((s) => ({
        label: s.tier,
        value: s.count
          ? `median ${durationText(s.medianMs!)}, 90th percentile ${durationText(s.p90Ms!)} (${s.count})`
          : 'none acknowledged',
      })),
    },
  ];
}
