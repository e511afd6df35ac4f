import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cipher } from '../../src/db/cipher.js';
import { rotateKeys } from '../../src/db/rotate-keys.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('key rotation', () => {
  it('re-encrypts every sealed value under the new first key, readable afterwards', async () => {
    const user = { platform: 'shell' as const, platformUserId: 'kit', displayName: 'Kit' };
    for (const id of ['v1', 'v2']) {
      await t.router.dispatch({ kind: 'submit', id, user, formId: 'debrief', values: { caseCode: 'MS-0500', sessionDate: '2026-11-20', sessionWent: 'well', feeling: '3', flagConcern: 'no', notes: `note ${id}` }, context: {} });
    }
    const rotated = new Cipher([{ id: 'next', key: randomBytes(32) }, { id: 'test', key: Buffer.alloc(32, 7) }]);
    expect(await rotateKeys(t.database.url, rotated)).toMatchObject({ 'Debrief.notesEnc': 2 });
    expect(await rotateKeys(t.database.url, rotated)).toMatchObject({ 'Debrief.notesEnc': 0 });
    const rows = await t.deps.db.debrief.findMany({ orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => rotated.keyIdOf(r.notesEnc!))).toEqual(['next', 'next']);
    expect(rows.map((r) => rotated.open(r.notesEnc!, { table: 'Debrief', column: 'notesEnc', rowId: r.id })).sort()).toEqual(['note v1', 'note v2']);
  });
});
