// Finding: erasure left sealed text readable (only debrief notes were cleared; nothing was sealed
// under a case's key; owed copies were under the master key; a job payload escaped key rotation).
// Here every feature writes its free text, then erasing the case, the member, or retention runs, and
// every sealed value in the inventory (owed messages' layers and job payload fields included) is
// opened: none may still read as what was written.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindingOf, sealedColumns } from '../../src/db/sealed-columns.js';
import { addressBinding } from '../../src/features/members/contact.js';
import { eraseCase, eraseMember } from '../../src/features/governance/erasure.js';
import { applyRetention } from '../../src/features/governance/retention.js';
import { guardAssignment } from '../../src/features/mentors/matching.js';
import { buildDraft } from '../../src/features/digest/draft.js';
import { weekOf } from '../../src/features/digest/week.js';
import { runDueJobs } from '../helpers/owed.js';
import { command, press, raiseByForm, submit, textOf } from '../features/escalation/fixture.js';
import { createConcernHarness, workingHoursRota, type ConcernHarness } from '../features/concerns/fixture.js';

// Each test erases for good, so each has a network of its own.
let h: ConcernHarness;
beforeEach(async () => {
  h = await createConcernHarness();
  await workingHoursRota(h);
});
afterEach(() => h.close());

/** Every sealed value the inventory names, opened through every layer; `written` counts them per entry. */
const written = new Map<string, number>();
async function openEverything(): Promise<string[]> {
  const out: string[] = [];
  for (const entry of sealedColumns) {
    if (entry.table === 'SubjectKey') continue;
    const value = entry.field ? `("${entry.column}"->>'${entry.field}')` : `"${entry.column}"`;
    const rows = await h.t.deps.db.$queryRawUnsafe<{ bound: string; value: string }[]>(
      `SELECT "${entry.boundTo ?? 'id'}"::text AS bound, ${value} AS value FROM "${entry.table}" WHERE ${value} IS NOT NULL`,
    );
    written.set(`${entry.table}.${entry.column}`, rows.length);
    for (const row of rows) {
      const binding = bindingOf(entry, row.bound);
      out.push(
        entry.table === 'FormDraft' || entry.field
          ? h.t.deps.cipher.open(row.value, binding)
          : await h.t.deps.vault.openLayers(h.t.deps.db, row.value, binding),
      );
    }
  }
  return out;
}

/** Writes free text through every feature about one case, as its mentor (Alex) and the coordinators. */
async function writeEverything(
  code: string,
  tag: string,
): Promise<{ caseText: string[]; memberText: string[]; contactText: string[] }> {
  const t = (what: string) => `${what} ${tag}`;
  await submit(
    h,
    h.alex,
    'debrief',
    {
      caseCode: code,
      sessionDate: 'today',
      sessionWent: 'difficult',
      feeling: '4',
      flagConcern: 'yes',
      notes: t('debrief notes'),
      nextSteps: t('next steps'),
    },
    {},
  );
  const start = new Date(h.t.clock.now().getTime() + 3 * 3_600_000);
  const local = start.toISOString().slice(0, 16).replace('T', ' ');
  await submit(
    h,
    h.alex,
    'session.plan',
    {
      caseCode: code,
      start: local,
      expectedMinutes: '30',
      venueType: 'community',
      paired: 'no',
      safetyNotes: t('safety notes'),
      safeguarding: 'no',
    },
    {},
  );
  h.t.clock.advance(60 * 60_000 + 1);
  await runDueJobs(h.t.deps); // the next steps, two hours before
  await raiseByForm(h, { caseCode: code, details: t('escalation details'), contact: t('reach me on') });
  const escalation = await h.t.deps.db.escalation.findFirstOrThrow({
    where: { caseCode: code },
    orderBy: { number: 'desc' },
  });
  await press(h, h.sam, 'escalation.ack', escalation.id);
  await submit(
    h,
    h.sam,
    'escalation.update',
    { actions: [], note: t('coordinator note') },
    { escalationId: escalation.id },
  );
  const concern = await h.t.deps.db.concern.findFirstOrThrow({
    where: { caseCode: code, source: 'debrief' },
    orderBy: { number: 'desc' },
  });
  await submit(
    h,
    h.bo,
    'concern.action',
    { what: t('what was done'), byWhom: t('by whom'), doneOn: 'today' },
    { concernId: concern.id },
  );
  await submit(
    h,
    h.bo,
    'concern.referral',
    { agency: 'police', reference: t('reference'), referredOn: 'today' },
    { concernId: concern.id },
  );
  await submit(
    h,
    h.alex,
    'concern.raise',
    { caseCode: code, category: 'other', urgency: 'routine', account: t('concern account') },
    {},
  );

  const checkinId = randomUUID();
  await h.t.deps.db.checkin.create({
    data: {
      id: checkinId,
      memberId: h.alex.id,
      reason: 'scheduled',
      status: 'answered',
      createdAt: h.t.clock.now(),
      dueAt: h.t.clock.now(),
      answeredAt: h.t.clock.now(),
      answer: 'struggling',
      changeableUntil: new Date(h.t.clock.now().getTime() + 3_600_000),
    },
  });
  expect(
    textOf(
      await submit(h, h.alex, 'checkin-more', { weighing: t('weighing on me'), consent: 'private' }, { checkinId }),
    ),
  ).not.toContain('went wrong');
  await submit(
    h,
    h.alex,
    'supervision-request',
    { topic: 'personal_impact', urgency: 'this_week', format: 'call', summary: t('supervision summary') },
    { via: 'command' },
  );
  const request = await h.t.deps.db.supervisionRequest.findFirstOrThrow({
    where: { requesterId: h.alex.id },
    orderBy: { number: 'desc' },
  });
  await h.t.deps.db.supervisionRequest.update({
    where: { id: request.id },
    data: { status: 'accepted', acceptedById: h.bo.id, acceptedAt: h.t.clock.now() },
  });
  await submit(h, h.bo, 'supervision-note', { note: t('supervisor note') }, { requestId: request.id });
  await submit(
    h,
    h.alex,
    'digest.share',
    {
      situation: t('the situation was hard'),
      tried: t('we tried patience'),
      result: t('it worked slowly'),
      themes: ['best_working_practices'],
      credit: 'anonymous',
    },
    {},
  );
  await h.t.deps.db.$transaction((tx) =>
    buildDraft({ tx, deps: h.t.deps, now: h.t.clock.now() }, weekOf(h.t.clock.now().toISOString().slice(0, 10))),
  );
  // Mentor care: a vetting reference (Alex's), an override reason (the case's), a TRiM follow-up (Alex's).
  await submit(
    h,
    h.sam,
    'mentor.check',
    { kind: 'dbs_enhanced', reference: t('vetting number'), issuedOn: '2026-01-05', expiresOn: '2029-01-05' },
    { memberId: h.alex.id },
  );
  await h.t.deps.db.mentorRecord.upsert({
    where: { memberId: h.alex.id },
    create: { memberId: h.alex.id, conflicts: [code], createdAt: h.t.clock.now(), updatedAt: h.t.clock.now() },
    update: { conflicts: [code] },
  });
  const coordinator = {
    memberId: h.sam.id,
    displayName: h.sam.name,
    roles: ['coordinator' as const],
    timeZone: 'Europe/London',
    platform: 'slack' as const,
    platformUserId: h.sam.user.platformUserId,
  };
  await h.t.deps.db.$transaction((tx) =>
    guardAssignment(
      { tx, deps: h.t.deps, now: h.t.clock.now(), surface: 'slack', actor: coordinator },
      code,
      h.alex.name,
      t('override reason'),
    ),
  );
  await h.t.deps.db.mentorRecord.update({ where: { memberId: h.alex.id }, data: { conflicts: [] } });
  const support = await h.t.deps.db.trimSupport.create({
    data: {
      id: randomUUID(),
      escalationId: escalation.id,
      memberId: h.alex.id,
      involvement: 'co_mentor',
      practitionerId: h.bo.id,
      createdAt: h.t.clock.now(),
    },
  });
  await submit(
    h,
    h.bo,
    'mentor.trim-followup',
    { riskFactors: ['blamed_self'], referredOn: 'no' },
    { supportId: support.id, stage: '72h' },
  );
  // The overdue chain carries the safety notes into an escalation and its alerts.
  h.t.clock.set(new Date(start.getTime() - 60 * 60_000));
  await command(h, h.alex, 'session', 'start', { case: code });
  h.t.clock.set(new Date(start.getTime() + 3 * 3_600_000));
  await runDueJobs(h.t.deps);

  // The mentor's own e-mail for paging: kept until they remove it or leave, so erasure (not retention) takes it.
  await h.t.deps.db.contactMethod.deleteMany({ where: { memberId: h.alex.id } });
  const methodId = randomUUID();
  const addressEnc = await h.t.deps.vault.seal(h.t.deps.db, t('alex@contact.example'), addressBinding(methodId), {
    kind: 'member',
    id: h.alex.id,
  });
  await h.t.deps.db.contactMethod.create({
    data: { id: methodId, memberId: h.alex.id, kind: 'email', addressEnc, createdAt: h.t.clock.now() },
  });

  const caseText = [
    'debrief notes',
    'next steps',
    'safety notes',
    'escalation details',
    'coordinator note',
    'what was done',
    'by whom',
    'reference',
    'concern account',
    'override reason',
  ].map(t);
  const memberText = [
    'reach me on',
    'weighing on me',
    'supervision summary',
    'supervisor note',
    'the situation was hard',
    'vetting number',
  ].map(t);
  return { caseText, memberText, contactText: [t('alex@contact.example')] };
}

const readable = (opened: string[], secrets: string[]) => secrets.filter((s) => opened.some((o) => o.includes(s)));

describe('erasure reaches every copy', () => {
  it('retention removes every copy of a record’s free text after its period', async () => {
    h.t.clock.set('2026-11-16T10:00:00Z');
    const { caseText, memberText } = await writeEverything(h.code, 'r1');
    expect(readable(await openEverything(), [...caseText, ...memberText])).toEqual([...caseText, ...memberText]);
    // Delivered long ago: sent messages go on their own, shorter period.
    await h.t.deps.db.outboxMessage.updateMany({ data: { status: 'sent' } });
    h.t.clock.advance((h.t.deps.config.RETENTION_DEBRIEF_NOTES_DAYS + 1) * 24 * 3_600_000);
    await applyRetention(h.t.deps);
    expect(readable(await openEverything(), [...caseText, ...memberText])).toEqual([]);
  });

  it('erasing the case, then its mentor, leaves none of their free text readable anywhere', async () => {
    h.t.clock.set('2026-11-23T10:00:00Z');
    const { caseText, memberText, contactText } = await writeEverything(h.code, 'e1');
    const before = await openEverything();
    expect(readable(before, [...caseText, ...memberText])).toEqual([...caseText, ...memberText]);
    // Every value in the inventory that holds someone's free text was written, so all are tried.
    expect(
      sealedColumns
        .filter((e) => e.subject !== 'master' && !written.get(`${e.table}.${e.column}`))
        .map((e) => `${e.table}.${e.column}`),
    ).toEqual([]);
    expect(before.filter((o) => o.includes('safety notes e1')).length).toBeGreaterThan(1);

    await eraseCase(h.t.deps, h.code);
    const afterCase = await openEverything();
    expect(readable(afterCase, caseText)).toEqual([]);
    expect(readable(afterCase, [...memberText, ...contactText])).toEqual([...memberText, ...contactText]);

    await eraseMember(h.t.deps, h.alex.id);
    expect(readable(await openEverything(), [...caseText, ...memberText, ...contactText])).toEqual([]);
  });
});
