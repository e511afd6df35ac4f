// Erasure destroys the subject's data key: every sealed value for that member or case becomes
// unreadable at once (owed messages that carry it, and backups once their copy of the key is gone),
// while the ids on the append-only timelines remain. What is whose: src/db/sealed-columns.ts.
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';

export async function eraseMember(
  deps: Pick<Deps, 'db' | 'vault' | 'clock'>,
  memberId: string,
  actorId?: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    const member = await tx.member.findUniqueOrThrow({ where: { id: memberId } });
    await deps.vault.erase(tx, { kind: 'member', id: member.id }, now);
    // Members linked or merged into this one: their records moved here still sealed under their own
    // keys, so those keys go too (and theirs, for members merged into them before).
    const seen = new Set([member.id]);
    for (let into = [member.id]; into.length; ) {
      const merged = (await tx.member.findMany({ where: { mergedIntoId: { in: into } }, select: { id: true } })).filter(
        (m) => !seen.has(m.id),
      );
      for (const m of merged) {
        seen.add(m.id);
        await deps.vault.erase(tx, { kind: 'member', id: m.id }, now);
        await tx.member.update({
          where: { id: m.id },
          data: { displayName: 'Erased member', region: null, languages: [], specialisms: [] },
        });
      }
      into = merged.map((m) => m.id);
    }
    await tx.member.update({
      where: { id: member.id },
      data: {
        displayName: 'Erased member',
        region: null,
        languages: [],
        specialisms: [],
        supporterId: null,
        status: 'left',
        leftAt: member.leftAt ?? now,
      },
    });
    await tx.member.updateMany({ where: { supporterId: member.id }, data: { supporterId: null } });
    await tx.memberIdentity.deleteMany({ where: { memberId: member.id } });
    await tx.formDraft.deleteMany({ where: { memberId: member.id } });
    await tx.linkCode.deleteMany({ where: { OR: [{ memberId: member.id }, { joinerMemberId: member.id }] } });
    await tx.reportSignIn.deleteMany({ where: { memberId: member.id } });
    await tx.reportSession.deleteMany({ where: { memberId: member.id } });
    await tx.escalationAckLink.deleteMany({ where: { memberId: member.id } });
    await tx.outboxMessage.updateMany({
      where: { recipientMemberId: member.id, status: 'pending' },
      data: { status: 'cancelled' },
    });
    await recordEvent(tx, { subjectKind: 'member', subjectId: member.id, kind: 'member.erased', at: now, actorId });
  });
}

export async function eraseCase(
  deps: Pick<Deps, 'db' | 'vault' | 'clock'>,
  caseCode: string,
  actorId?: string,
): Promise<void> {
  const now = deps.clock.now();
  const code = caseCode.toUpperCase();
  await deps.db.$transaction(async (tx) => {
    await deps.vault.erase(tx, { kind: 'case', id: code }, now);
    // Notes written before they were sealed under the case's key were their author's: cleared outright.
    await tx.debrief.updateMany({ where: { caseCode: code }, data: { notesEnc: null, nextStepsEnc: null } });
    await recordEvent(tx, { subjectKind: 'case', subjectId: code, kind: 'case.erased', at: now, actorId });
  });
}
