// Reading concerns. Coordinators list the open ones (owner, age, what falls due next) and read one
// whole: its account, actions and referrals, each reading audited. A mentor sees the concerns they
// raised, their state and outcome; any other number gets the answer a missing one gets.
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { labelOf, when } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import { durationText, incidentFacts } from '../escalation/api.js';
import { actionIds } from './forms.js';
import { agencyLabel, caseText, concernTitle, day, outcomeLabel, workButtons } from './messages.js';
import { concernCategories, urgencies } from './policy.js';
import {
  accountBinding,
  actionBinding,
  concernEvent,
  factsOf,
  referenceBinding,
  SUBJECT,
  workingTime,
} from './record.js';

/** Who reads: a coordinator sees every concern whole, anyone else only those they raised. */
interface Viewer {
  memberId: string;
  coordinator: boolean;
}

const viewerOf = (ctx: ActorContext): Viewer => ({
  memberId: ctx.actor.memberId,
  coordinator: ctx.actor.roles.includes('coordinator'),
});

const notFound = (number?: number) =>
  new Refusal(
    `I could not find ${number ? `concern #${number}` : 'that concern'}. /concern list shows the ones you may see.`,
    'not_found',
  );

async function names(tx: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const rows = await tx.member.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

async function nextDue(tx: Tx, ids: string[]): Promise<Map<string, Date>> {
  const jobs = await tx.job.findMany({
    where: { subjectKind: SUBJECT, subjectId: { in: ids }, status: 'pending' },
    select: { subjectId: true, dueAt: true },
    orderBy: { dueAt: 'asc' },
  });
  const out = new Map<string, Date>();
  for (const j of jobs) if (j.subjectId && !out.has(j.subjectId)) out.set(j.subjectId, j.dueAt);
  return out;
}

export async function listConcerns(ctx: ActorContext): Promise<Message> {
  const { tx, now } = ctx;
  const viewer = viewerOf(ctx);
  const zone = (await workingTime(tx, ctx.deps)).zone;
  if (!viewer.coordinator) {
    const own = await tx.concern.findMany({
      where: { raisedById: viewer.memberId },
      orderBy: { number: 'desc' },
      take: 20,
    });
    return {
      title: 'Concerns you raised',
      text: own.length
        ? 'Their state and outcome; the coordinators hold the rest.'
        : 'You have not raised any concerns. /concern raise writes one down, and a coordinator is told at once.',
      fields: own.map((c) => ({
        label: `#${c.number}, ${caseText({ caseCode: c.caseCode, known: true })}`,
        value: `${day(c.createdAt)}: ${c.status === 'closed' ? `closed (${outcomeLabel(c.outcome)})` : c.ownerId ? 'taken by a coordinator' : 'waiting for a coordinator'}`,
      })),
    };
  }
  const open = await tx.concern.findMany({ where: { status: 'open' }, orderBy: { createdAt: 'asc' }, take: 100 });
  const who = await names(
    tx,
    open.map((c) => c.ownerId),
  );
  const due = await nextDue(
    tx,
    open.map((c) => c.id),
  );
  return {
    title: `Open concerns (${open.length})`,
    text: open.length ? 'Oldest first. /concern show <number> for one.' : 'No open concerns.',
    fields: open.map((c) => ({
      label: `#${c.number}, ${caseText({ caseCode: c.caseCode, known: c.caseId !== null })}`,
      value: [
        labelOf(concernCategories, c.category),
        `urgency ${c.urgency}`,
        c.ownerId ? `owner ${who.get(c.ownerId) ?? 'a former member'}` : 'untaken',
        `${durationText(now.getTime() - c.createdAt.getTime())} old`,
        due.has(c.id) ? `next due ${when(due.get(c.id)!, zone)}` : c.escalationId ? 'paged as an escalation' : '',
      ]
        .filter(Boolean)
        .join(' · '),
    })),
  };
}

async function findVisible(ctx: ActorContext, viewer: Viewer, where: { number: number } | { id: string }) {
  const row =
    'id' in where
      ? await ctx.tx.concern.findUnique({ where: { id: where.id } })
      : await ctx.tx.concern.findUnique({ where: { number: where.number } });
  if (!row || (!viewer.coordinator && row.raisedById !== viewer.memberId))
    throw notFound('number' in where ? where.number : undefined);
  return row;
}

export async function showConcern(ctx: ActorContext, where: { number: number } | { id: string }): Promise<Message[]> {
  const { tx, deps } = ctx;
  const viewer = viewerOf(ctx);
  const row = await findVisible(ctx, viewer, where);
  const zone = (await workingTime(tx, deps)).zone;
  const facts = await factsOf(tx, row);
  // Whether the named case is one the bot knows is for coordinators: the raiser is told neither way.
  const f = viewer.coordinator ? facts : { ...facts, known: true };
  const who = await names(tx, [row.ownerId, row.closedById]);
  const state =
    row.status === 'closed'
      ? `Closed ${when(row.closedAt!, zone)}: ${outcomeLabel(row.outcome)}`
      : row.ownerId
        ? `Open, owned by ${who.get(row.ownerId) ?? 'a former member'}`
        : 'Open, not yet taken';
  const fields = [
    { label: 'Case', value: caseText(f) },
    { label: 'Category', value: labelOf(concernCategories, row.category) },
    { label: 'Urgency', value: labelOf(urgencies, row.urgency) },
    { label: 'Raised', value: `${when(row.createdAt, zone)} by ${f.raisedBy}` },
    { label: 'State', value: state },
  ];
  // The raiser reads back their own words (no audit: they are the author), never what coordinators recorded.
  const account = row.accountEnc
    ? [{ label: 'Account', value: await deps.vault.open(tx, row.accountEnc, accountBinding(row.id)) }]
    : [];
  if (!viewer.coordinator)
    return [
      {
        title: concernTitle(f),
        text: 'What you raised and where it stands. The coordinators hold what was done.',
        fields: [...fields, ...account],
        tone: 'info',
      },
    ];

  const escalation = row.escalationId ? await incidentFacts(tx, row.escalationId) : undefined;
  if (escalation)
    fields.push({
      label: 'Escalation',
      value: `${escalation.tier} #${escalation.number} (/escalation show ${escalation.number})`,
    });
  fields.push(...account);
  const actions = await tx.concernAction.findMany({
    where: { concernId: row.id },
    orderBy: [{ doneOn: 'asc' }, { createdAt: 'asc' }],
  });
  for (const a of actions) {
    const what = await deps.vault.open(tx, a.whatEnc, actionBinding(a.id, 'whatEnc'));
    const byWhom = await deps.vault.open(tx, a.byWhomEnc, actionBinding(a.id, 'byWhomEnc'));
    fields.push({
      label: `Action, ${day(a.doneOn)}`,
      value: `${what} (by ${byWhom})`,
    });
  }
  const referrals = await tx.onwardReferral.findMany({ where: { concernId: row.id }, orderBy: { referredOn: 'asc' } });
  for (const r of referrals) {
    const reference = r.referenceEnc ? await deps.vault.open(tx, r.referenceEnc, referenceBinding(r.id)) : undefined;
    fields.push({
      label: `Referral, ${day(r.referredOn)}`,
      value: `${agencyLabel(r.agency)}${reference ? `, reference ${reference}` : ''}${r.followUpOn ? `; follow up ${day(r.followUpOn)}` : ''}`,
    });
  }
  await concernEvent(
    ctx,
    row.id,
    'concern.viewed',
    { account: Boolean(row.accountEnc), actions: actions.length },
    viewer.memberId,
  );
  const take = row.ownerId
    ? []
    : [{ actionId: actionIds.take, label: 'Take', value: row.id, style: 'primary' as const }];
  const link = row.caseId ? [] : [{ actionId: actionIds.link, label: 'Link to a case', value: row.id }];
  const buttons = row.status === 'closed' ? [] : [...take, ...workButtons(row.id), ...link];
  return [
    { title: concernTitle(f), text: 'For coordinators only; this reading is recorded.', fields, buttons, tone: 'info' },
  ];
}
