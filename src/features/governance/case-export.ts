// `npm run export -- case <code>`: a case's chronology as one JSON document, structured fields
// only (what the coordinators' `/case timeline` shows, plus the baseline and outcome). With notes,
// the notes of flagged debriefs alone are opened; every export is written to the audit log.
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import { caseChronology } from '../cases/api.js';
import { caseCodeRegex, normaliseCaseCode } from '../cases/api.js';
import { flaggedDebriefNotes } from '../debrief/api.js';

/** The export reads as a coordinator would, but on behalf of no member. */
const EXPORT_VIEWER = { memberId: '00000000-0000-0000-0000-000000000000', coordinator: true };

/** The case's document, or undefined when there is no case with this code. */
export async function exportCase(
  deps: Pick<Deps, 'db' | 'vault' | 'clock'>,
  rawCode: string,
  options: { withNotes: boolean },
) {
  const code = normaliseCaseCode(rawCode);
  if (!caseCodeRegex.test(code)) return undefined;
  return deps.db.$transaction(
    async (tx) => {
      const found = await tx.case.findUnique({ where: { code } });
      if (!found) return undefined;
      const now = deps.clock.now();
      const timeline = await caseChronology(tx, found, EXPORT_VIEWER, now);
      const document = {
        exportedAt: now.toISOString(),
        case: {
          code: found.code,
          status: found.status,
          pauseReason: found.pauseReason,
          openedAt: found.openedAt.toISOString(),
          closedAt: found.closedAt?.toISOString() ?? null,
          baseline: found.baseline,
          outcome: found.outcome,
          positiveSteps: found.positiveSteps,
        },
        timeline: timeline.map((e) => ({ at: e.at.toISOString(), title: e.title, detail: e.detail })),
        ...(options.withNotes ? { flaggedDebriefNotes: await flaggedDebriefNotes(tx, deps.vault, found.id) } : {}),
      };
      await recordEvent(tx, {
        subjectKind: 'case',
        subjectId: found.id,
        kind: 'case.exported',
        at: now,
        data: { withNotes: options.withNotes },
      });
      return document;
    },
    { timeout: 30_000 },
  );
}
