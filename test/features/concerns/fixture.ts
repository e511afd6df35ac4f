// Shared set-up for the concern tests: the escalation harness's people (Alex a mentor; Sam, Bo and
// Cy coordinators), a case assigned to Alex, and the flows that raise a concern.
import { randomUUID } from 'node:crypto';
import { command, createHarness, submit, textOf, type Harness, type Person } from '../escalation/fixture.js';

export const ACCOUNT = 'Told me his brother keeps a machete under the stairs at Larch Road';
export const NOTES = 'Talked about the rally on Saturday and who drives the van';
export const WHAT = 'Rang the probation officer on the duty line about the machete';
export const REFERENCE = 'REF-PX-77120';
export const secrets = [ACCOUNT, NOTES, WHAT, REFERENCE];

export interface ConcernHarness extends Harness {
  code: string;
}

export async function createConcernHarness(): Promise<ConcernHarness> {
  const h = await createHarness();
  const opened = await submit(
    h,
    h.sam,
    'case.open',
    { programme: 'extremism', riskLevel: 'medium', riskFactors: ['isolation'] },
    {},
  );
  const code = /Case ([A-Z]+-\d+) is open/.exec(textOf(opened))![1]!;
  await command(h, h.sam, 'case', 'assign', { case: code, member: 'Alex' });
  return { ...h, code };
}

/** Sam primary and Bo backup in working hours (Monday to Friday, 09:00 to 17:00, network time). */
export async function workingHoursRota(h: Harness): Promise<void> {
  for (let weekday = 1; weekday <= 5; weekday++) {
    await h.t.deps.db.rotaPattern.create({
      data: {
        id: randomUUID(),
        weekday,
        startMinute: 540,
        endMinute: 1020,
        position: 'primary',
        coordinatorId: h.sam.id,
      },
    });
    await h.t.deps.db.rotaPattern.create({
      data: {
        id: randomUUID(),
        weekday,
        startMinute: 540,
        endMinute: 1020,
        position: 'backup',
        coordinatorId: h.bo.id,
      },
    });
  }
}

export const debriefValues = (code: string, extra: Record<string, string> = {}) => ({
  caseCode: code,
  sessionDate: 'today',
  sessionWent: 'difficult',
  feeling: '4',
  flagConcern: 'yes',
  concernCategory: 'extremist_activity',
  notes: NOTES,
  ...extra,
});

export const debrief = (h: ConcernHarness, who: Person, values: Record<string, string>, id?: string) =>
  h.t.router.dispatch({ kind: 'submit', id: id ?? h.seq(), user: who.user, formId: 'debrief', values, context: {} });
