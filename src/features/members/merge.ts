// Two members who are one person: a coordinator merges one into the other (/network merge), moving
// everything the first holds, and marking it left. Linking accounts with consent retires a member
// that holds nothing written in the same way (retireInto). Ids and counts only in the audit log.
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import type { Platform } from '../../core/roles.js';
import type { Tx } from '../../db/client.js';
import { syncSeries } from '../welfare/api.js';
import { auditMember } from './audit.js';
import type { MergeCount } from './messages.js';

/** What a person wrote: a member holding any of it is never joined to another by a link code. */
export async function writtenBy(tx: Tx, memberId: string): Promise<MergeCount[]> {
  const [debriefs, answers, requests, concerns, escalations, contributions, sessions, notes, actions] =
    await Promise.all([
      tx.debrief.count({ where: { authorId: memberId } }),
      tx.checkin.count({ where: { memberId, answeredAt: { not: null } } }),
      tx.supervisionRequest.count({ where: { OR: [{ requesterId: memberId }, { acceptedById: memberId }] } }),
      tx.concern.count({ where: { raisedById: memberId } }),
      tx.escalation.count({ where: { reporterId: memberId } }),
      tx.contribution.count({ where: { authorId: memberId } }),
      tx.mentoringSession.count({ where: { mentorId: memberId } }),
      tx.escalationNote.count({ where: { authorId: memberId } }),
      tx.concernAction.count({ where: { recordedBy: memberId } }),
    ]);
  return [
    { label: 'debriefs', count: debriefs },
    { label: 'check-in answers', count: answers },
    { label: 'supervision requests', count: requests },
    { label: 'concerns raised', count: concerns },
    { label: 'escalations reported', count: escalations },
    { label: 'digest contributions', count: contributions },
    { label: 'mentoring sessions', count: sessions },
    { label: 'escalation notes', count: notes },
    { label: 'concern actions', count: actions },
  ];
}

export const holdsWriting = (counts: MergeCount[]) => counts.some((c) => c.count > 0);

/**
 * Everything /network merge moves, counted per kind for the coordinator's preview and the audit.
 * A check-in schedule moves only when `intoId` has none of their own.
 */
export async function mergeCounts(tx: Tx, fromId: string, intoId: string): Promise<MergeCount[]> {
  const member = { memberId: fromId };
  const keepsOwnSchedule = (await tx.checkinSchedule.count({ where: { memberId: intoId } })) > 0;
  const [
    debriefs,
    checkins,
    schedule,
    followUps,
    requests,
    offers,
    raised,
    owned,
    escalations,
    contributions,
    assignments,
    sessions,
    rotaPatterns,
    shifts,
    identities,
  ] = await Promise.all([
    tx.debrief.count({ where: { authorId: fromId } }),
    tx.checkin.count({ where: member }),
    tx.checkinSchedule.count({ where: member }),
    tx.welfareFollowUp.count({ where: { OR: [member, { assignedToId: fromId }] } }),
    tx.supervisionRequest.count({ where: { OR: [{ requesterId: fromId }, { acceptedById: fromId }] } }),
    tx.supervisionOffer.count({ where: { supervisorId: fromId } }),
    tx.concern.count({ where: { raisedById: fromId } }),
    tx.concern.count({ where: { ownerId: fromId } }),
    tx.escalation.count({ where: { reporterId: fromId } }),
    tx.contribution.count({ where: { authorId: fromId } }),
    tx.caseAssignment.count({ where: member }),
    tx.mentoringSession.count({ where: { mentorId: fromId } }),
    tx.rotaPattern.count({ where: { coordinatorId: fromId } }),
    tx.dutyShift.count({ where: { coordinatorId: fromId } }),
    tx.memberIdentity.count({ where: member }),
  ]);
  return [
    { label: 'debriefs', count: debriefs },
    { label: 'check-ins', count: checkins },
    { label: 'check-in schedule', count: keepsOwnSchedule ? 0 : schedule },
    { label: 'welfare follow-ups', count: followUps },
    { label: 'supervision requests', count: requests },
    { label: 'supervision offers', count: offers },
    { label: 'concerns raised', count: raised },
    { label: 'concerns owned', count: owned },
    { label: 'escalations reported', count: escalations },
    { label: 'digest contributions', count: contributions },
    { label: 'case assignments', count: assignments },
    { label: 'mentoring sessions', count: sessions },
    { label: 'rota rows', count: rotaPatterns + shifts },
    { label: 'linked accounts', count: identities },
  ];
}

const countsData = (counts: MergeCount[]) =>
  Object.fromEntries(counts.map((c) => [c.label.replace(/[^a-z]+/g, '_'), c.count]));

/** Locks both members' rows (in id order, so two merges cannot deadlock) and reads them. */
async function lockMembers(tx: Tx, ids: string[]) {
  const sorted = [...new Set(ids)].sort();
  await tx.$queryRaw`SELECT "id" FROM "Member" WHERE "id" = ANY(${sorted}::uuid[]) ORDER BY "id" FOR UPDATE`;
  return tx.member.findMany({ where: { id: { in: sorted } }, include: { identities: { select: { platform: true } } } });
}

/**
 * Retires a member whose records and accounts now belong to `intoId`: forms and unused codes go,
 * links in progress are cancelled, whoever chose it as supporter now has `intoId`, its check-ins stop,
 * and it is marked left with `mergedIntoId` (erasing `intoId` erases its key too).
 */
export async function retireInto(ctx: ActorContext, fromId: string, intoId: string): Promise<void> {
  const { tx, now } = ctx;
  await tx.formDraft.deleteMany({ where: { memberId: fromId } });
  await tx.linkCode.deleteMany({ where: { memberId: fromId, usedAt: null } });
  await tx.linkCode.updateMany({
    where: {
      OR: [{ memberId: fromId }, { joinerMemberId: fromId }],
      linkedAt: null,
      cancelledAt: null,
      linkId: { not: null },
    },
    data: { cancelledAt: now },
  });
  await tx.checkinSchedule.deleteMany({ where: { memberId: fromId } });
  await tx.member.updateMany({ where: { supporterId: fromId, id: { not: intoId } }, data: { supporterId: intoId } });
  await tx.member.updateMany({ where: { id: intoId, supporterId: fromId }, data: { supporterId: null } });
  await tx.member.update({
    where: { id: fromId },
    data: { status: 'left', leftAt: now, supporterId: null, mergedIntoId: intoId },
  });
  // Its member left, the weekly check-ins still queued for it are cancelled.
  await syncSeries({ tx, deps: ctx.deps, now }, fromId);
}

/** The two members for /network merge, refused kindly unless the merge makes sense. */
export async function mergePair(ctx: ActorContext, fromId: string, intoId: string) {
  if (fromId === intoId) throw new Refusal('Those are the same member: choose two different members to merge.');
  const members = await lockMembers(ctx.tx, [fromId, intoId]);
  const from = members.find((m) => m.id === fromId);
  const into = members.find((m) => m.id === intoId);
  if (!from || !into)
    throw new Refusal('One of those members no longer exists. Run /network merge again.', 'not_found');
  for (const m of [from, into])
    if (m.status === 'left')
      throw new Refusal(`${m.displayName} has left the network; only active members can be merged.`, 'closed');
  if (from.id === ctx.actor.memberId)
    throw new Refusal(
      'You cannot merge your own account away: merge the other account into yours, or ask another coordinator.',
    );
  return { from, into };
}

/** Moves everything `fromId` holds to `intoId` and retires `fromId`: one transaction, audited on both. */
export async function mergeMembers(
  ctx: ActorContext,
  fromId: string,
  intoId: string,
): Promise<{ fromName: string; intoName: string; platforms: Platform[]; counts: MergeCount[] }> {
  const { from, into } = await mergePair(ctx, fromId, intoId);
  const { tx, now } = ctx;
  const counts = await mergeCounts(tx, fromId, intoId);
  const move = { from: fromId, into: intoId };

  // Debriefs, check-ins and welfare.
  await tx.debrief.updateMany({ where: { authorId: move.from }, data: { authorId: move.into } });
  await tx.debrief.updateMany({ where: { pairedWithId: move.from }, data: { pairedWithId: move.into } });
  await tx.checkin.updateMany({ where: { memberId: move.from }, data: { memberId: move.into } });
  const schedules = await tx.checkinSchedule.count({ where: { memberId: move.into } });
  if (schedules === 0)
    await tx.checkinSchedule.updateMany({ where: { memberId: move.from }, data: { memberId: move.into } });
  await tx.welfareFollowUp.updateMany({ where: { memberId: move.from }, data: { memberId: move.into } });
  await tx.welfareFollowUp.updateMany({ where: { assignedToId: move.from }, data: { assignedToId: move.into } });
  await tx.welfareFollowUp.updateMany({ where: { closedById: move.from }, data: { closedById: move.into } });

  // Supervision: an offer of one request to both is kept once.
  await tx.supervisionRequest.updateMany({ where: { requesterId: move.from }, data: { requesterId: move.into } });
  await tx.supervisionRequest.updateMany({
    where: { preferredSupervisorId: move.from },
    data: { preferredSupervisorId: move.into },
  });
  await tx.supervisionRequest.updateMany({ where: { acceptedById: move.from }, data: { acceptedById: move.into } });
  const offered = (
    await tx.supervisionOffer.findMany({ where: { supervisorId: move.into }, select: { requestId: true } })
  ).map((o) => o.requestId);
  await tx.supervisionOffer.deleteMany({ where: { supervisorId: move.from, requestId: { in: offered } } });
  await tx.supervisionOffer.updateMany({ where: { supervisorId: move.from }, data: { supervisorId: move.into } });
  await tx.groupSupervision.updateMany({ where: { createdById: move.from }, data: { createdById: move.into } });
  const groups = (await tx.groupSignup.findMany({ where: { memberId: move.into }, select: { groupId: true } })).map(
    (g) => g.groupId,
  );
  await tx.groupSignup.deleteMany({ where: { memberId: move.from, groupId: { in: groups } } });
  await tx.groupSignup.updateMany({ where: { memberId: move.from }, data: { memberId: move.into } });

  // Concerns and escalations.
  await tx.concern.updateMany({ where: { raisedById: move.from }, data: { raisedById: move.into } });
  await tx.concern.updateMany({ where: { ownerId: move.from }, data: { ownerId: move.into } });
  await tx.concern.updateMany({ where: { closedById: move.from }, data: { closedById: move.into } });
  await tx.concernAction.updateMany({ where: { recordedBy: move.from }, data: { recordedBy: move.into } });
  await tx.onwardReferral.updateMany({ where: { recordedBy: move.from }, data: { recordedBy: move.into } });
  await tx.escalation.updateMany({ where: { reporterId: move.from }, data: { reporterId: move.into } });
  await tx.escalation.updateMany({ where: { acknowledgedById: move.from }, data: { acknowledgedById: move.into } });
  await tx.escalationNote.updateMany({ where: { authorId: move.from }, data: { authorId: move.into } });

  // The digest.
  await tx.contribution.updateMany({ where: { authorId: move.from }, data: { authorId: move.into } });
  await tx.contribution.updateMany({ where: { decidedById: move.from }, data: { decidedById: move.into } });
  await tx.digest.updateMany({ where: { approvedById: move.from }, data: { approvedById: move.into } });
  await tx.digest.updateMany({ where: { publishedById: move.from }, data: { publishedById: move.into } });

  // Cases and sessions: a case both work stays one assignment.
  const working = (
    await tx.caseAssignment.findMany({ where: { memberId: move.into, endedAt: null }, select: { caseId: true } })
  ).map((a) => a.caseId);
  await tx.caseAssignment.updateMany({
    where: { memberId: move.from, endedAt: null, caseId: { in: working } },
    data: { endedAt: now },
  });
  await tx.caseAssignment.updateMany({ where: { memberId: move.from }, data: { memberId: move.into } });
  await tx.case.updateMany({ where: { createdById: move.from }, data: { createdById: move.into } });
  await tx.caseReview.updateMany({ where: { reviewedById: move.from }, data: { reviewedById: move.into } });
  await tx.mentoringSession.updateMany({ where: { mentorId: move.from }, data: { mentorId: move.into } });
  const inSessions = (
    await tx.sessionParticipant.findMany({ where: { memberId: move.into }, select: { sessionId: true } })
  ).map((p) => p.sessionId);
  await tx.sessionParticipant.deleteMany({ where: { memberId: move.from, sessionId: { in: inSessions } } });
  await tx.sessionParticipant.updateMany({ where: { memberId: move.from }, data: { memberId: move.into } });

  // The duty rota.
  await tx.rotaPattern.updateMany({ where: { coordinatorId: move.from }, data: { coordinatorId: move.into } });
  await tx.dutyShift.updateMany({ where: { coordinatorId: move.from }, data: { coordinatorId: move.into } });
  await tx.dutyShift.updateMany({ where: { createdById: move.from }, data: { createdById: move.into } });
  const handovers = (await tx.dutyHandover.findMany({ where: { coordinatorId: move.into }, select: { at: true } })).map(
    (h) => h.at,
  );
  await tx.dutyHandover.deleteMany({ where: { coordinatorId: move.from, at: { in: handovers } } });
  await tx.dutyHandover.updateMany({ where: { coordinatorId: move.from }, data: { coordinatorId: move.into } });

  // Accounts, and messages still owed to the person.
  await tx.memberIdentity.updateMany({ where: { memberId: move.from }, data: { memberId: move.into } });
  await tx.outboxMessage.updateMany({
    where: { recipientMemberId: move.from, status: 'pending' },
    data: { recipientMemberId: move.into },
  });
  if (!into.supporterId && from.supporterId && from.supporterId !== into.id)
    await tx.member.update({ where: { id: into.id }, data: { supporterId: from.supporterId } });

  await retireInto(ctx, move.from, move.into);
  if (schedules === 0) await syncSeries({ tx, deps: ctx.deps, now }, move.into);

  const data = { from: move.from, into: move.into, ...countsData(counts) };
  await auditMember(ctx, move.from, 'member.merged', data);
  await auditMember(ctx, move.into, 'member.merge_received', data);
  const platforms = [
    ...new Set(
      (await tx.memberIdentity.findMany({ where: { memberId: move.into }, select: { platform: true } })).map(
        (i) => i.platform,
      ),
    ),
  ];
  return { fromName: from.displayName, intoName: into.displayName, platforms, counts };
}
