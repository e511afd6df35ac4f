// Subject access export: everything held about a member, sensitive text opened, as one document.
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';

export async function exportMember(deps: Pick<Deps, 'db' | 'vault' | 'clock'>, memberId: string) {
  return deps.db.$transaction(async (tx) => {
    const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, include: { identities: true } });
    const debriefs = await tx.debrief.findMany({ where: { authorId: memberId }, orderBy: { createdAt: 'asc' } });
    const events = await tx.event.findMany({
      where: { OR: [{ actorId: memberId }, { subjectKind: 'member', subjectId: memberId }] },
      orderBy: { id: 'asc' },
    });
    const document = {
      exportedAt: deps.clock.now().toISOString(),
      member: {
        id: member.id,
        displayName: member.displayName,
        roles: member.roles,
        status: member.status,
        awayUntil: member.awayUntil,
        timeZone: member.timeZone,
        specialisms: member.specialisms,
        region: member.region,
        languages: member.languages,
        supporterId: member.supporterId,
        createdAt: member.createdAt,
        leftAt: member.leftAt,
      },
      identities: member.identities.map((i) => ({
        platform: i.platform,
        platformUserId: i.platformUserId,
        linkedAt: i.createdAt,
      })),
      debriefs: await Promise.all(
        debriefs.map(async (d) => ({
          id: d.id,
          caseCode: d.caseCode,
          sessionDate: d.sessionDate.toISOString().slice(0, 10),
          sessionWent: d.sessionWent,
          feeling: d.feeling,
          flagConcern: d.flagConcern,
          notes: d.notesEnc
            ? await deps.vault.open(tx, d.notesEnc, { table: 'Debrief', column: 'notesEnc', rowId: d.id })
            : null,
          createdAt: d.createdAt,
        })),
      ),
      timeline: events.map((e) => ({
        at: e.at,
        kind: e.kind,
        subject: `${e.subjectKind}:${e.subjectId}`,
        surface: e.surface,
        data: e.data,
      })),
    };
    await recordEvent(tx, {
      subjectKind: 'member',
      subjectId: memberId,
      kind: 'member.exported',
      at: deps.clock.now(),
    });
    return document;
  });
}
