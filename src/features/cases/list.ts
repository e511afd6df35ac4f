// `/case list`: a mentor's own cases or every open and paused one for coordinators, and one case's
// detail with its baseline, team and last debrief. Row-level rule: mentors read only their cases.
import type { ActorContext, Response } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { lastDebriefOn } from '../debrief/api.js';
import { assignedCaseIds, teamsOf } from './assignments.js';
import { isCoordinator, visibleCase } from './lookup.js';
import { type CaseView, caseDetailMessage, caseListMessage } from './messages.js';
import { parseBaseline } from './policy.js';

type CaseRow = NonNullable<Awaited<ReturnType<Tx['case']['findUnique']>>>;

function toView(c: CaseRow, team: CaseView['team']): CaseView {
  return {
    code: c.code,
    status: c.status,
    pauseReason: c.pauseReason,
    openedAt: c.openedAt,
    nextReviewAt: c.nextReviewAt,
    outcome: c.outcome,
    positiveSteps: c.positiveSteps,
    baseline: parseBaseline(c.baseline),
    team,
  };
}

/** Mentors: their own cases. Coordinators: every open or paused case. */
async function listCases(ctx: Pick<ActorContext, 'tx' | 'actor'>, scope: 'own' | 'all'): Promise<CaseView[]> {
  const where =
    scope === 'all'
      ? { status: { in: ['open' as const, 'paused' as const] } }
      : { id: { in: await assignedCaseIds(ctx.tx, ctx.actor.memberId) } };
  const cases = await ctx.tx.case.findMany({ where, orderBy: { code: 'asc' }, take: 200 });
  const team = await teamsOf(
    ctx.tx,
    cases.map((c) => c.id),
  );
  return cases.map((c) => toView(c, team(c.id)));
}

async function caseDetail(ctx: Pick<ActorContext, 'tx' | 'actor'>, code: string): Promise<CaseView> {
  const found = await visibleCase(ctx, code);
  const team = await teamsOf(ctx.tx, [found.id]);
  return { ...toView(found, team(found.id)), lastDebriefOn: await lastDebriefOn(ctx.tx, found.id) };
}

/** One case's detail when a code is given; otherwise the list the actor may see. */
export async function showCases(ctx: Pick<ActorContext, 'tx' | 'actor'>, input: { code?: string }): Promise<Response> {
  if (input.code !== undefined)
    return { replies: [{ to: 'actor', message: caseDetailMessage(await caseDetail(ctx, input.code)) }] };
  const own = !isCoordinator(ctx);
  return { replies: [{ to: 'actor', message: caseListMessage(await listCases(ctx, own ? 'own' : 'all'), own) }] };
}
