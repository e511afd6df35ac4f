// What matching a request weighs: each peer supervisor with their open load, and the request's
// topic, urgency, preference, case conflicts and who was asked already (ranked in policy.ts).
import type { Tx } from '../../db/client.js';
import { activeCaseMembers } from '../cases/api.js';
import {
  rankSupervisors,
  type Candidate,
  type MatchRequest,
  type Ranked,
  type Topic,
  type Urgency,
  type WorkingHours,
} from './policy.js';
import type { RequestRow } from './request-row.js';

export interface MatchingInputs {
  candidates: Candidate[];
  match: MatchRequest;
}

export async function matchingInputs(tx: Tx, req: RequestRow): Promise<MatchingInputs> {
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

/** The five best a coordinator may assign by hand, those already asked included. */
export const byHandRanking = ({ candidates, match }: MatchingInputs, now: Date, hours: WorkingHours): Ranked[] =>
  rankSupervisors(candidates, match, now, hours, { ignoreAlreadyAsked: true }).slice(0, 5);
