import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformUser } from '../../../src/core/actor.js';
import { applyMigrations } from '../../../src/db/migrate.js';
import { backupDatabase, restoreDatabase } from '../../../src/db/backup.js';
import { Vault, ERASED } from '../../../src/db/vault.js';
import { eraseCase, eraseMember } from '../../../src/features/governance/erasure.js';
import { exportMember } from '../../../src/features/governance/export.js';
import { applyRetention } from '../../../src/features/governance/retention.js';
import { Cipher } from '../../../src/db/cipher.js';
import { createDb } from '../../../src/db/client.js';
import { createTestContext, TEST_KEY, type TestContext } from '../../helpers/deps.js';
import { createTestDatabase } from '../../helpers/db.js';

let t: TestContext;
const dir = mkdtempSync(path.join(tmpdir(), 'msb-gov-'));
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
async function debrief(user: PlatformUser, caseCode: string, notes: string) {
  await t.router.dispatch({
    kind: 'submit',
    id: `g${++seq}`,
    user,
    formId: 'debrief',
    values: { caseCode, sessionDate: '2026-11-20', sessionWent: 'mixed', feeling: '3', flagConcern: 'no', notes },
    context: {},
  });
}
/** A debrief by `user` about `caseCode`, written once per database (tests may run in any order). */
async function ensureDebrief(user: PlatformUser, caseCode: string, notes: string) {
  const existing = await t.deps.db.debrief.findFirst({
    where: { caseCode, author: { identities: { some: { platformUserId: user.platformUserId } } } },
  });
  if (!existing) await debrief(user, caseCode, notes);
}
/** Tests that erase or move the clock get a database of their own, so the shared one stays as others expect. */
function freshContextEach() {
  let shared: TestContext;
  beforeEach(async () => {
    shared = t;
    t = await createTestContext();
  });
  afterEach(async () => {
    await t.close();
    t = shared;
  });
}
const memberOf = async (user: PlatformUser) =>
  t.deps.db.member.findFirstOrThrow({ where: { identities: { some: { platformUserId: user.platformUserId } } } });
const notesOf = async (authorId: string) =>
  Promise.all(
    (await t.deps.db.debrief.findMany({ where: { authorId } })).map((d) =>
      d.notesEnc
        ? t.deps.vault.open(t.deps.db, d.notesEnc, { table: 'Debrief', column: 'notesEnc', rowId: d.id })
        : null,
    ),
  );

const rhea = { platform: 'slack' as const, platformUserId: 'U0RHEA', displayName: 'Rhea' };
const sol = { platform: 'slack' as const, platformUserId: 'U0SOL', displayName: 'Sol' };

describe('audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    await ensureDebrief(rhea, 'MS-0201', 'first');
    await expect(t.deps.db.$executeRawUnsafe(`UPDATE "Event" SET kind = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.deps.db.$executeRawUnsafe(`DELETE FROM "Event"`)).rejects.toThrow(/append-only/);
    await expect(t.deps.db.$executeRawUnsafe(`TRUNCATE "Event"`)).rejects.toThrow(/append-only/);
    expect(await t.deps.db.event.count()).toBeGreaterThan(0);
  });

  it('holds ids, never free text', async () => {
    await ensureDebrief(rhea, 'MS-0201', 'first');
    const events = await t.deps.db.event.findMany();
    expect(JSON.stringify(events, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('first');
  });
});

describe('erasure', () => {
  freshContextEach();

  it('makes a member’s own sensitive content unreadable and leaves others untouched; notes about a case stay the case’s', async () => {
    await ensureDebrief(rhea, 'MS-0201', 'first');
    await debrief(rhea, 'MS-0202', 'Rhea private words');
    await debrief(sol, 'MS-0202', 'Sol private words');
    const r = await memberOf(rhea);
    const s = await memberOf(sol);
    const ask = (user: PlatformUser, summary: string) =>
      t.router.dispatch({
        kind: 'submit',
        id: `g${++seq}`,
        user,
        formId: 'supervision-request',
        values: { topic: 'personal_impact', urgency: 'this_week', format: 'call', summary },
        context: { via: 'command' },
      });
    await ask(rhea, 'Rhea is exhausted');
    await ask(sol, 'Sol is fine');
    const summaries = async (requesterId: string) =>
      Promise.all(
        (await t.deps.db.supervisionRequest.findMany({ where: { requesterId } })).map((q) =>
          new Vault(t.deps.cipher).open(t.deps.db, q.summaryEnc, {
            table: 'SupervisionRequest',
            column: 'summaryEnc',
            rowId: q.id,
          }),
        ),
      );
    await eraseMember(t.deps, r.id);
    expect(await summaries(r.id)).toEqual([ERASED]);
    expect(await summaries(s.id)).toEqual(['Sol is fine']);
    // The case's record survives its author leaving; erasing the case is what removes it.
    expect((await notesOf(r.id)).sort()).toEqual(['Rhea private words', 'first']);
    expect(await t.deps.db.member.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
      displayName: 'Erased member',
      status: 'left',
    });
    expect(await t.deps.db.event.count({ where: { subjectId: r.id, kind: 'member.erased' } })).toBe(1);
  });

  it('removes notes written about an erased case', async () => {
    await ensureDebrief(sol, 'MS-0202', 'Sol private words');
    await debrief(sol, 'MS-0203', 'about the case');
    await eraseCase(t.deps, 'ms-0203');
    expect(await t.deps.db.debrief.findMany({ where: { caseCode: 'MS-0203' }, select: { notesEnc: true } })).toEqual([
      { notesEnc: null },
    ]);
    expect(await notesOf((await memberOf(sol)).id)).toContain('Sol private words');
  });
});

describe('subject access export', () => {
  it('gives everything held about a member, with their notes readable, and audits it', async () => {
    await ensureDebrief(sol, 'MS-0202', 'Sol private words');
    await ensureDebrief(sol, 'MS-0203', 'about the case');
    await eraseCase(t.deps, 'ms-0203');
    const s = await memberOf(sol);
    const doc = await exportMember(t.deps, s.id);
    expect(doc.member.displayName).toBe('Sol');
    expect(doc.identities).toEqual([expect.objectContaining({ platform: 'slack', platformUserId: 'U0SOL' })]);
    expect(doc.debriefs.map((d) => d.notes)).toEqual(expect.arrayContaining(['Sol private words', null]));
    expect(doc.timeline.map((e) => e.kind)).toContain('debrief.recorded');
    expect(await t.deps.db.event.count({ where: { subjectId: s.id, kind: 'member.exported' } })).toBe(1);
  });
});

describe('backup and restore', () => {
  it('restores every row into an empty database, still readable with the same keys', async () => {
    await ensureDebrief(sol, 'MS-0202', 'Sol private words');
    const file = path.join(dir, 'backup.jsonl');
    const counts = await backupDatabase(t.database.url, file);
    expect(counts.Debrief).toBeGreaterThan(0);
    expect(readFileSync(file, 'utf8')).not.toContain('Sol private words');

    const target = await createTestDatabase();
    try {
      await applyMigrations(target.url);
      expect(await restoreDatabase(target.url, file)).toEqual(
        Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)),
      );
      const restored = createDb(target.url);
      try {
        const sol = await restored.debrief.findFirstOrThrow({
          where: { author: { displayName: 'Sol' }, notesEnc: { not: null }, caseCode: 'MS-0202' },
        });
        const vault = new Vault(new Cipher([{ id: 'test', key: TEST_KEY }]));
        expect(await vault.open(restored, sol.notesEnc!, { table: 'Debrief', column: 'notesEnc', rowId: sol.id })).toBe(
          'Sol private words',
        );
        const next = await restored.event.create({
          data: { at: new Date(), subjectKind: 'network', subjectId: 'x', kind: 'restored' },
        });
        expect(Number(next.id)).toBeGreaterThan(counts.Event!);
      } finally {
        await restored.$disconnect();
      }
      await expect(restoreDatabase(target.url, file)).rejects.toThrow(/restore into an empty database/);
    } finally {
      await target.drop();
    }
  });
});

describe('retention', () => {
  freshContextEach();

  it('removes notes past their period, keeping the structured answers', async () => {
    await debrief(sol, 'MS-0204', 'old words');
    t.clock.advance(2558 * 24 * 60 * 60 * 1000);
    const counts = await applyRetention(t.deps);
    expect(counts['Debrief.notesEnc']).toBeGreaterThan(0);
    const rows = await t.deps.db.debrief.findMany({ where: { caseCode: 'MS-0204' } });
    expect(rows).toEqual([expect.objectContaining({ notesEnc: null, feeling: 3, sessionWent: 'mixed' })]);
  });
});

describe('the nightly retention job', () => {
  freshContextEach();

  it('is always waiting at the next 03:30 network time, once, and it runs retention', async () => {
    const { ensureStandingSeries } = await import('../../../src/jobs/series.js');
    const { runDueJobs } = await import('../../helpers/owed.js');
    t.clock.set('2026-11-23T12:00:00Z');
    await ensureStandingSeries(t.deps);
    await ensureStandingSeries(t.deps);
    const waiting = await t.deps.db.job.findMany({ where: { series: 'governance:retention', status: 'pending' } });
    expect(waiting.map((j) => j.dueAt.toISOString())).toEqual(['2026-11-24T03:30:00.000Z']);
    t.clock.set('2026-11-24T03:30:00Z');
    const before = await t.deps.db.event.count({ where: { kind: 'retention.applied' } });
    await runDueJobs(t.deps);
    expect(await t.deps.db.event.count({ where: { kind: 'retention.applied' } })).toBe(before + 1);
    expect(
      (await t.deps.db.job.findMany({ where: { series: 'governance:retention', status: 'pending' } })).map((j) =>
        j.dueAt.toISOString(),
      ),
    ).toEqual(['2026-11-25T03:30:00.000Z']);
  });
});
