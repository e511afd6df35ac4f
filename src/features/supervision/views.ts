// Where requests stand: a mentor's own, a peer supervisor's offers and accepted requests, the
// coordinators' open requests and fairness figures, the home sections, and the sealed summary.
import { recordEvent } from '../../core/events.js';
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, HomeSection, UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { when } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import { fairnessSection } from './fairness.js';
import { actions } from './forms.js';
import { byHandRanking, matchingInputs } from './matching.js';
import { assignButtons, offerMessage, summaryView } from './messages.js';
import { nameOf } from './people.js';
import {
  explainRank,
  formatLabel,
  offerMinutes,
  offerWindowMs,
  openStatuses,
  plainDuration,
  storedReasons,
  topicLabel,
  urgencyLabel,
  type Urgency,
} from './policy.js';
import { summaryBinding, type RequestRow } from './request-row.js';
import { SUBJECT, timeline } from './timeline.js';

/** Where a request stands, in the requester's words. */
async function statusWords(tx: Tx, r: RequestRow): Promise<string> {
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
}

/** Each request as a field: its number, topic and when it was made, then where it stands. */
async function standing(tx: Tx, rows: readonly RequestRow[], zone: string) {
  const fields = [];
  for (const r of rows)
    fields.push({
      label: `#${r.number} · ${topicLabel(r.topic)} · ${when(r.createdAt, zone)}`,
      value: await statusWords(tx, r),
    });
  return fields;
}

/** `/supervision list`: what each of the member's roles sees. */
export async function supervisionList(ctx: ActorContext): Promise<Message[]> {
  const messages: Message[] = [];
  const roles = ctx.actor.roles;
  if (roles.includes('coordinator')) messages.push(...(await coordinatorView(ctx)));
  if (roles.includes('peer_supervisor')) messages.push(...(await supervisorView(ctx)));
  if (roles.includes('mentor')) messages.push(...(await ownRequestsView(ctx)));
  return messages;
}

/** A mentor's own requests: where each stands. */
async function ownRequestsView(ctx: ActorContext): Promise<Message[]> {
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
  const open = rows.filter((r) => ['offered', 'waiting', 'accepted'].includes(r.status) && r.happened === null);
  return [
    {
      title: 'Your supervision requests',
      text: 'Only you, the supervisor who accepts and coordinators see these (your summary only you and that supervisor).',
      fields: await standing(ctx.tx, rows, ctx.actor.timeZone),
      buttons: open
        .slice(0, 5)
        .map((r) => ({ actionId: actions.withdraw, label: `Withdraw #${r.number}`, value: r.id })),
    },
  ];
}

/** A peer supervisor's offers awaiting an answer and the requests they accepted. */
async function supervisorView(ctx: ActorContext): Promise<Message[]> {
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

/** Coordinators: every open request with why the current (or last) offer went to whom, and fairness figures. */
async function coordinatorView(ctx: UseCaseContext): Promise<Message[]> {
  const { tx, now } = ctx;
  const open = await tx.supervisionRequest.findMany({
    where: { status: { in: openStatuses } },
    orderBy: { createdAt: 'asc' },
    take: 25,
  });
  const fields = [];
  for (const r of open) {
    const first = await tx.supervisionOffer.findFirst({ where: { requestId: r.id }, orderBy: { rank: 'asc' } });
    const reasons = storedReasons.safeParse(first?.reasons);
    const why =
      first && reasons.success
        ? `; ranked first: ${explainRank({ displayName: await nameOf(tx, first.supervisorId), reasons: reasons.data })}`
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
    const inputs = await matchingInputs(tx, r);
    const byHand = byHandRanking(inputs, now, (await readSettings(tx, ctx.deps)).workingHours);
    messages.push({
      title: `Assign request #${r.number} by hand`,
      text: byHand.length
        ? byHand.map((b) => explainRank(b)).join('\n')
        : 'No eligible peer supervisor is available (away, conflicted or none with the role).',
      buttons: assignButtons(r.id, byHand),
    });
  }
  messages.push(await fairnessSection(ctx));
  return messages;
}

/** Home: a mentor's open requests and where each stands (nothing when there are none). */
export const requesterHome: HomeSection = async ({ deps, actor }) => {
  const open = await deps.db.supervisionRequest.findMany({
    where: { requesterId: actor.memberId, status: { in: openStatuses } },
    orderBy: { createdAt: 'desc' },
    take: 5,
  });
  if (!open.length) return undefined;
  return {
    title: 'Your supervision requests',
    text: 'Where each stands. /supervision list has more.',
    fields: await standing(deps.db, open, actor.timeZone),
  };
};

/** Home: a peer supervisor's offers awaiting an answer (nothing when there are none). */
export const supervisorHome: HomeSection = async ({ deps, actor }) => {
  const offers = await deps.db.supervisionOffer.findMany({
    where: { supervisorId: actor.memberId, response: null },
    orderBy: { offeredAt: 'asc' },
    take: 5,
  });
  if (!offers.length) return undefined;
  const requests = await deps.db.supervisionRequest.findMany({
    where: { id: { in: offers.map((o) => o.requestId) } },
  });
  return {
    title: 'Supervision offers awaiting your answer',
    text: 'Answer from the message you were sent, or from /supervision list.',
    fields: requests.map((r) => ({
      label: `#${r.number}`,
      value: `${topicLabel(r.topic)}, ${urgencyLabel(r.urgency)}, ${formatLabel(r.format)}`,
    })),
  };
};

/** Home: coordinators' fairness figures. */
export const coordinatorHome: HomeSection = ({ deps, now }) => fairnessSection({ tx: deps.db, now });

/** The accepting supervisor's private view: who, what, and the summary (audited as a view). */
export async function acceptedView(ctx: ActorContext, requestId: string, justAccepted: boolean): Promise<Message> {
  const req = await ctx.tx.supervisionRequest.findUniqueOrThrow({ where: { id: requestId } });
  const summary = await ctx.deps.vault.open(ctx.tx, req.summaryEnc, summaryBinding(req.id));
  await timeline(ctx, req.id, 'summary_viewed', { by: ctx.actor.memberId }, ctx.actor.memberId);
  return summaryView(req, await nameOf(ctx.tx, req.requesterId), summary, justAccepted);
}

/** Only the requester and the supervisor who accepted can read the summary; any other attempt is refused and audited. */
export async function showSummary(ctx: ActorContext, requestId: string): Promise<Message> {
  const req = await ctx.tx.supervisionRequest.findUnique({ where: { id: requestId } });
  const mine =
    req &&
    (req.requesterId === ctx.actor.memberId ||
      (req.acceptedById === ctx.actor.memberId && (req.status === 'accepted' || req.status === 'closed')));
  if (!req || !mine) {
    // Recorded outside the transaction, which the refusal rolls back.
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
