// What coordinators read: one escalation with its details and timeline (the view is audited), the
// ones not yet resolved, and the time to acknowledge per tier.
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import {
  ACK,
  categoryLabel,
  coordinatorAlert,
  labelOf,
  outcomeChoices,
  RESOLVE,
  recordedActionChoices,
  UPDATE,
  when,
} from './forms.js';
import { durationText, percentile, tiers, type Tier } from './policy.js';
import { detailsOf, event, readNote, SUBJECT, summaryOf, type EscalationCtx } from './record.js';

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
export async function showEscalation(ctx: EscalationCtx, viewerId: string, number: number): Promise<Message[]> {
  const { tx, deps } = ctx;
  const row = await tx.escalation.findUnique({ where: { number } });
  if (!row) throw new Refusal(`There is no escalation #${number}. /escalation list shows the open ones.`, 'not_found');
  await event(ctx, row.id, 'escalation.viewed', {}, viewerId);
  const summary = await summaryOf(tx, deps, row);
  const details = await detailsOf(tx, deps, row);
  const events = await tx.event.findMany({
    where: { subjectKind: SUBJECT, subjectId: row.id },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
  const mentioned = new Set<string>();
  for (const e of events) {
    if (e.actorId) mentioned.add(e.actorId);
    for (const m of ((e.data as { memberIds?: string[] }).memberIds ?? []) as string[]) mentioned.add(m);
  }
  const names = new Map(
    (await tx.member.findMany({ where: { id: { in: [...mentioned] } }, select: { id: true, displayName: true } })).map(
      (m) => [m.id, m.displayName],
    ),
  );
  const lines: string[] = [];
  for (const e of events) {
    const data = e.data as Record<string, unknown>;
    let what = eventWords[e.kind] ?? e.kind;
    if (e.kind === 'escalation.notified')
      what = `told ${((data.memberIds as string[]) ?? []).map((m) => names.get(m) ?? 'a coordinator').join(', ') || 'nobody (no coordinators)'} (${(data.audience as string[]).join(' + ')})`;
    if (e.kind === 'escalation.note') what = `note: ${await readNote(ctx, String(data.noteId))}`;
    if (e.kind === 'escalation.actions')
      what = `actions: ${((data.actions as string[]) ?? []).map((a) => labelOf(recordedActionChoices, a)).join(', ')}`;
    if (e.kind === 'escalation.resolved') what = `resolved: ${labelOf(outcomeChoices, String(data.outcome))}`;
    if (e.kind === 'escalation.out_of_chat') what = `sent by ${String(data.route)}`;
    if (e.kind === 'escalation.paged')
      what = `paged ${((data.memberIds as string[]) ?? []).map((m) => names.get(m) ?? 'a coordinator').join(', ')} by ${data.method === 'sms' ? 'SMS' : 'e-mail'} (step ${String(data.step)})`;
    const who = e.actorId ? ` by ${names.get(e.actorId) ?? 'a former member'}` : '';
    lines.push(`${when(e.at, summary.zone)} ${what}${who}${e.surface ? ` (${e.surface})` : ''}`);
  }
  const buttons =
    row.status === 'resolved'
      ? []
      : [
          ...(row.status === 'open'
            ? [{ actionId: ACK, label: 'Acknowledge', value: row.id, style: 'primary' as const }]
            : []),
          { actionId: UPDATE, label: 'Record actions or a note', value: row.id },
          { actionId: RESOLVE, label: 'Resolve', value: row.id },
        ];
  return [
    {
      title: `${row.tier} escalation #${row.number} (${row.status.replace('_', ' ')})`,
      text: `${categoryLabel(row.category)}${row.caseCode ? `, case ${row.caseCode}` : ''}, raised by ${summary.reporterName} at ${when(row.raisedAt, summary.zone)}; acknowledge by ${when(row.deadlineAt, summary.zone)}. Coordinators only: this view is recorded.`,
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

export async function listEscalations(ctx: EscalationCtx, days: number): Promise<Message[]> {
  const { tx, deps, now } = ctx;
  const zone = (await readSettings(tx, deps.config)).networkTimeZone;
  const unresolved = await tx.escalation.findMany({
    where: { status: { not: 'resolved' } },
    orderBy: [{ tier: 'asc' }, { raisedAt: 'asc' }],
    take: 50,
  });
  const stats = await acknowledgementStats(tx, new Date(now.getTime() - days * 24 * 3_600_000), now);
  return [
    {
      title: 'Escalations not yet resolved',
      text: unresolved.length
        ? 'Use /escalation show <number> for the details and the timeline.'
        : 'None: every escalation is resolved.',
      fields: unresolved.map((r) => ({
        label: `#${r.number} ${r.tier} ${r.status.replace('_', ' ')}`,
        value: `${categoryLabel(r.category)}${r.caseCode ? `, ${r.caseCode}` : ''}, raised ${when(r.raisedAt, zone)}`,
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
