// An untaken concern climbs at local working times (across the October clock change), an owned one
// reminds its owner, a referral's follow-up comes at 09:00; a leaving owner hands it back. Then the
// whole flow is searched: no concern text in any owed message, log line, metric or open column, and
// erasing the case makes every sealed copy unreadable.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERASED } from '../../../src/db/vault.js';
import { eraseCase } from '../../../src/features/governance/erasure.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { owedMessages, runDueJobs, type Owed } from '../../helpers/owed.js';
import { command, press, submit } from '../escalation/fixture.js';
import {
  ACCOUNT,
  createConcernHarness,
  debrief,
  debriefValues,
  NOTES,
  REFERENCE,
  secrets,
  WHAT,
  workingHoursRota,
  type ConcernHarness,
} from './fixture.js';

let h: ConcernHarness;
const logLines: string[] = [];
// Each test moves the clock through its own weeks, so each gets a fresh database; the steps an
// earlier part of the story took are replayed by the helpers below.
beforeEach(async () => {
  logLines.length = 0;
  h = await createConcernHarness();
  h.t.deps.log = pino(
    { level: 'trace' },
    new Writable({
      write: (chunk: Buffer, _enc, done) => {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  await workingHoursRota(h);
});
afterEach(() => h.close());

const at = async (iso: string) => {
  h.t.clock.set(iso);
  await runDueJobs(h.t.deps);
  return owedMessages(h.t.deps);
};
const alertsTo = (owed: Owed[], memberId: string, title: string) =>
  owed.filter((o) => o.recipientMemberId === memberId && o.kind === 'send' && o.message.title?.startsWith(title));

/** Concern #1: on Friday 23 Oct 2026, 16:00 BST, Alex flags a debrief; Sam is on duty. */
async function flagConcernOne() {
  h.t.clock.set('2026-10-23T15:00:00Z');
  await debrief(h, h.alex, debriefValues(h.code));
}
/** Concern #1 left untaken, its chain run up to Tuesday's end of the working day. */
async function leaveConcernOneUntaken() {
  await flagConcernOne();
  for (const iso of [
    '2026-10-26T11:59:00Z',
    '2026-10-26T12:00:00Z',
    '2026-10-26T16:59:00Z',
    '2026-10-26T17:00:00Z',
    '2026-10-27T17:00:00Z',
  ])
    await at(iso);
}
/** Bo takes concern #1 on Wednesday and records an action on 5 November; reminders run to 12 November. */
async function takeConcernOne() {
  h.t.clock.set('2026-10-28T10:00:00Z');
  const concern = await h.t.deps.db.concern.findFirstOrThrow({ where: { number: 1 } });
  await press(h, h.bo, 'concern.take', concern.id);
  for (const iso of ['2026-10-28T17:00:00Z', '2026-11-04T09:59:00Z', '2026-11-04T10:00:00Z']) await at(iso);
  const form = await press(h, h.bo, 'concern.act', concern.id);
  h.t.clock.set('2026-11-05T10:00:00Z');
  await submit(h, h.bo, 'concern.action', { what: WHAT, byWhom: 'me', doneOn: 'today' }, form.form!.context!);
  for (const iso of ['2026-11-11T10:00:00Z', '2026-11-12T10:00:00Z']) await at(iso);
}
/** Concern #2: raised by Alex, referred by Sam (who so owns it), with a follow-up on 26 October. */
async function raiseAndReferConcernTwo() {
  h.t.clock.set('2026-10-23T15:30:00Z');
  await submit(
    h,
    h.alex,
    'concern.raise',
    { caseCode: h.code, category: 'domestic_abuse', urgency: 'routine', account: ACCOUNT },
    {},
  );
  const concern = await h.t.deps.db.concern.findFirstOrThrow({ where: { number: 2 } });
  await submit(
    h,
    h.sam,
    'concern.referral',
    { agency: 'marac', reference: REFERENCE, referredOn: 'today', followUpOn: '2026-10-26' },
    { concernId: concern.id },
  );
  return concern;
}
/** Concern #2 referred, and its follow-up reminder run. */
async function referConcernTwo() {
  await raiseAndReferConcernTwo();
  for (const iso of ['2026-10-26T08:59:00Z', '2026-10-26T09:00:00Z']) await at(iso);
}
/** Sam leaves on 12 November; concern #2 goes back to the coordinators. */
async function samLeaves() {
  h.t.clock.set('2026-11-12T11:00:00Z');
  await command(h, h.cy, 'network', 'deactivate', { member: 'Sam' });
  await h.t.deps.db.member.update({ where: { id: h.cy.id }, data: { roles: ['coordinator', 'admin'] } });
  await press(h, h.cy, 'network.deactivate.confirm', h.sam.id);
  await at('2026-11-12T11:00:00Z');
}
/** The whole flow above, in the order it happens in the tests. */
async function wholeFlow() {
  await leaveConcernOneUntaken();
  await takeConcernOne();
  await referConcernTwo();
  await samLeaves();
}

describe('the untaken chain and the owner’s reminders, at local working times', () => {
  it('goes to the backup after four working hours and to every coordinator at the end of the next working day, each day until taken', async () => {
    // Friday 23 Oct 2026, 16:00 BST: Alex flags a debrief; Sam is on duty.
    h.t.clock.set('2026-10-23T15:00:00Z');
    await debrief(h, h.alex, debriefValues(h.code));
    let owed = await owedMessages(h.t.deps);
    expect(alertsTo(owed, h.sam.id, 'Concern #1')).toHaveLength(1);

    owed = await at('2026-10-26T11:59:00Z');
    expect(alertsTo(owed, h.bo.id, 'Concern #1')).toHaveLength(0);
    owed = await at('2026-10-26T12:00:00Z');
    expect(alertsTo(owed, h.bo.id, 'Concern #1').map((o) => o.message.text)).toEqual([
      expect.stringContaining('You are the backup'),
    ]);
    owed = await at('2026-10-26T16:59:00Z');
    expect(alertsTo(owed, h.cy.id, 'Concern #1')).toHaveLength(0);
    owed = await at('2026-10-26T17:00:00Z');
    for (const person of [h.sam, h.bo, h.cy])
      expect(alertsTo(owed, person.id, 'Concern #1').some((o) => o.message.text.includes('every coordinator'))).toBe(
        true,
      );
    owed = await at('2026-10-27T17:00:00Z');
    expect(alertsTo(owed, h.cy.id, 'Concern #1')).toHaveLength(2);
  });

  it('stops the chain when taken, updates every alert in place, and reminds the owner after five quiet working days', async () => {
    await leaveConcernOneUntaken();
    h.t.clock.set('2026-10-28T10:00:00Z');
    const concern = await h.t.deps.db.concern.findFirstOrThrow({ where: { number: 1 } });
    await press(h, h.bo, 'concern.take', concern.id);
    const owed = await owedMessages(h.t.deps);
    const updates = owed.filter((o) => o.kind === 'update' && o.message.text.startsWith('Taken by Bo'));
    expect(new Set(updates.map((o) => o.logicalKey)).size).toBe(
      new Set(
        owed
          .filter((o) => o.kind === 'send' && o.logicalKey?.startsWith(`concern:${concern.id}`))
          .map((o) => o.logicalKey),
      ).size,
    );
    let later = await at('2026-10-28T17:00:00Z');
    expect(alertsTo(later, h.cy.id, 'Concern #1')).toHaveLength(2);
    later = await at('2026-11-04T09:59:00Z');
    expect(alertsTo(later, h.bo.id, 'Concern #1: nothing recorded')).toHaveLength(0);
    later = await at('2026-11-04T10:00:00Z');
    expect(alertsTo(later, h.bo.id, 'Concern #1: nothing recorded')).toHaveLength(1);
    // An action moves the reminder on: nothing at the old time plus five days, one five days after the action.
    const form = await press(h, h.bo, 'concern.act', concern.id);
    h.t.clock.set('2026-11-05T10:00:00Z');
    await submit(h, h.bo, 'concern.action', { what: WHAT, byWhom: 'me', doneOn: 'today' }, form.form!.context!);
    later = await at('2026-11-11T10:00:00Z');
    expect(alertsTo(later, h.bo.id, 'Concern #1: nothing recorded')).toHaveLength(1);
    later = await at('2026-11-12T10:00:00Z');
    expect(alertsTo(later, h.bo.id, 'Concern #1: nothing recorded')).toHaveLength(2);
  });

  it('reminds the owner of a referral’s follow-up at 09:00 local time on its date, after the clock change', async () => {
    await leaveConcernOneUntaken();
    await takeConcernOne();
    const concern = await raiseAndReferConcernTwo();
    expect(await h.t.deps.db.concern.findUniqueOrThrow({ where: { id: concern.id } })).toMatchObject({
      ownerId: h.sam.id,
    });
    let owed = await at('2026-10-26T08:59:00Z');
    expect(alertsTo(owed, h.sam.id, 'Follow up: concern #2')).toHaveLength(0);
    owed = await at('2026-10-26T09:00:00Z');
    expect(alertsTo(owed, h.sam.id, 'Follow up: concern #2')).toHaveLength(1);
  });

  it('hands a leaving owner’s concerns back: every coordinator is asked to take them at once', async () => {
    await leaveConcernOneUntaken();
    await takeConcernOne();
    await referConcernTwo();
    h.t.clock.set('2026-11-12T11:00:00Z');
    const listed = await command(h, h.cy, 'network', 'deactivate', { member: 'Sam' });
    expect(listed.messages.map((m) => [m.text, ...(m.fields ?? []).map((f) => f.value)].join(' ')).join(' ')).toContain(
      'concern #2',
    );
    await h.t.deps.db.member.update({ where: { id: h.cy.id }, data: { roles: ['coordinator', 'admin'] } });
    await press(h, h.cy, 'network.deactivate.confirm', h.sam.id);
    expect(await h.t.deps.db.concern.findUniqueOrThrow({ where: { number: 2 } })).toMatchObject({ ownerId: null });
    const owed = await at('2026-11-12T11:00:00Z');
    expect(
      alertsTo(owed, h.cy.id, 'Concern #2').filter(
        (o) => o.createdAt.getTime() === new Date('2026-11-12T11:00:00Z').getTime(),
      ),
    ).toHaveLength(1);
  });
});

describe('no concern text anywhere it should not be', () => {
  it('keeps the account, the notes, what was done and the reference out of every owed message, log line, metric and open column', async () => {
    await wholeFlow();
    const shownToOthers = (await owedMessages(h.t.deps)).map((o) => JSON.stringify(o.message));
    const metrics = await createMetrics().render(h.t.deps.db, h.t.clock);
    const tables = await h.t.deps.db.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    let dump = '';
    for (const { table_name } of tables) {
      const [row] = await h.t.deps.db.$queryRawUnsafe<{ text: string | null }[]>(
        `SELECT string_agg(to_jsonb(t)::text, E'\\n') AS text FROM "${table_name}" t`,
      );
      dump += row?.text ?? '';
    }
    expect(dump).toContain('concern.raised');
    for (const secret of secrets) {
      for (const message of shownToOthers) expect(message).not.toContain(secret);
      for (const line of logLines) expect(line).not.toContain(secret);
      expect(metrics).not.toContain(secret);
      expect(dump).not.toContain(secret);
    }
    expect(logLines.length).toBeGreaterThan(0);
  });

  it('seals concern text under the case’s key: erasing the case leaves none of it readable', async () => {
    await wholeFlow();
    const sealed = [
      ...(await h.t.deps.db.concern.findMany({ where: { caseCode: h.code, accountEnc: { not: null } } })).map((r) => ({
        value: r.accountEnc!,
        binding: { table: 'Concern', column: 'accountEnc', rowId: r.id },
      })),
      ...(await h.t.deps.db.concernAction.findMany()).flatMap((r) => [
        { value: r.whatEnc, binding: { table: 'ConcernAction', column: 'whatEnc', rowId: r.id } },
        { value: r.byWhomEnc, binding: { table: 'ConcernAction', column: 'byWhomEnc', rowId: r.id } },
      ]),
      ...(await h.t.deps.db.onwardReferral.findMany()).map((r) => ({
        value: r.referenceEnc!,
        binding: { table: 'OnwardReferral', column: 'referenceEnc', rowId: r.id },
      })),
    ];
    const open = () => Promise.all(sealed.map((s) => h.t.deps.vault.open(h.t.deps.db, s.value, s.binding)));
    expect(await open()).toEqual(expect.arrayContaining([NOTES, ACCOUNT, WHAT, REFERENCE]));
    await eraseCase(h.t.deps, h.code);
    expect(new Set(await open())).toEqual(new Set([ERASED]));
  });
});
