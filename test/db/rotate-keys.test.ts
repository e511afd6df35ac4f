import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cipher } from '../../src/db/cipher.js';
import { rotateKeys } from '../../src/db/rotate-keys.js';
import { Vault } from '../../src/db/vault.js';
import { createTestContext, TEST_KEY, type TestContext } from '../helpers/deps.js';

let t: TestContext;
const NEXT_KEY = randomBytes(32);
// Each test rotates its own database's keys, so neither sees values sealed under the other's keys.
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

describe('key rotation', () => {
  it('re-encrypts every master-sealed value under the new first key, all still readable afterwards', async () => {
    const user = { platform: 'shell' as const, platformUserId: 'kit', displayName: 'Kit' };
    for (const [id, code] of [
      ['v1', 'MS-0500'],
      ['v2', 'MS-0500'],
    ]) {
      await t.router.dispatch({
        kind: 'submit',
        id: id!,
        user,
        formId: 'debrief',
        values: {
          caseCode: code,
          sessionDate: '2026-11-20',
          sessionWent: 'well',
          feeling: '3',
          flagConcern: 'no',
          notes: `note ${id}`,
        },
        context: {},
      });
    }
    const nextKey = NEXT_KEY;
    const rotated = new Cipher([
      { id: 'next', key: nextKey },
      { id: 'test', key: TEST_KEY },
    ]);
    expect(await rotateKeys(t.database.url, rotated)).toMatchObject({ 'SubjectKey.keyEnc': 1, 'Debrief.notesEnc': 0 });
    expect(await rotateKeys(t.database.url, rotated)).toMatchObject({ 'SubjectKey.keyEnc': 0 });
    const keys = await t.deps.db.subjectKey.findMany();
    expect(keys.map((k) => rotated.keyIdOf(k.keyEnc!))).toEqual(['next']);

    const onlyNewKey = new Vault(new Cipher([{ id: 'next', key: nextKey }]));
    const rows = await t.deps.db.debrief.findMany({ orderBy: { createdAt: 'asc' } });
    const notes = await Promise.all(
      rows.map((r) => onlyNewKey.open(t.deps.db, r.notesEnc!, { table: 'Debrief', column: 'notesEnc', rowId: r.id })),
    );
    expect(notes).toEqual(['note v1', 'note v2']);
  });

  it('re-encrypts a sealed field inside a job payload (the out-of-chat acknowledgement code)', async () => {
    const escalationId = randomUUID();
    const binding = { table: 'Job', column: 'payload.codeEnc', rowId: escalationId };
    const old = new Cipher([{ id: 'test', key: TEST_KEY }]);
    await t.deps.db.job.create({
      data: {
        id: randomUUID(),
        kind: 'escalation.email',
        dueAt: new Date(),
        runAt: new Date(),
        subjectKind: 'escalation',
        subjectId: escalationId,
        payload: { codeEnc: old.seal('ABCD-2345', binding) },
      },
    });
    const nextKey = randomBytes(32);
    const rotated = new Cipher([
      { id: 'later', key: nextKey },
      { id: 'next', key: NEXT_KEY },
      { id: 'test', key: TEST_KEY },
    ]);
    expect(await rotateKeys(t.database.url, rotated)).toMatchObject({ 'Job.payload.codeEnc': 1 });
    const job = await t.deps.db.job.findFirstOrThrow({ where: { subjectId: escalationId } });
    const sealed = (job.payload as { codeEnc: string }).codeEnc;
    expect(new Cipher([{ id: 'later', key: nextKey }]).open(sealed, binding)).toBe('ABCD-2345');
  });
});
