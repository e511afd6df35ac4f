// Every escalation is a concern too, so there is one list of open safeguarding matters. The
// escalation service calls this in its own transaction: the concern its source already has (a
// flagged debrief, a marked safety note, an urgent /concern) is linked; otherwise the escalation
// gets a concern of its own. Either way the escalation's chain does the paging.
import type { UseCaseContext } from '../../core/router.js';
import { categoryOfEscalation } from './policy.js';
import { concernEvent, recordConcern } from './record.js';

export interface EscalationLink {
  escalationId: string;
  tier: 'P1' | 'P2' | 'P3';
  category: string;
  caseCode: string | null;
  reporterId: string;
  source?: { concernId?: string; debriefId?: string; sessionId?: string };
}

export async function concernForEscalation(
  ctx: UseCaseContext,
  link: EscalationLink,
): Promise<{ id: string; number: number }> {
  const { tx } = ctx;
  const candidates = [
    link.source?.concernId ? { id: link.source.concernId } : undefined,
    link.source?.debriefId ? { source: 'debrief', sourceId: link.source.debriefId } : undefined,
    link.source?.sessionId ? { source: 'session', sourceId: link.source.sessionId } : undefined,
  ].filter((c) => c !== undefined);
  for (const where of candidates) {
    const found = await tx.concern.findFirst({ where: { ...where, escalationId: null, status: 'open' } });
    if (found) {
      await tx.concern.update({ where: { id: found.id }, data: { escalationId: link.escalationId } });
      await concernEvent(ctx, found.id, 'concern.escalated', { escalationId: link.escalationId });
      return { id: found.id, number: found.number };
    }
  }
  const made = await recordConcern(ctx, {
    caseCode: link.caseCode,
    source: 'escalation',
    sourceId: link.escalationId,
    category: categoryOfEscalation(link.category),
    urgency: link.tier === 'P3' ? 'today' : 'now',
    raisedById: link.reporterId,
    escalationId: link.escalationId,
  });
  return made;
}
