// Finding: the hand-written inventory missed Job.payload.codeEnc, so key rotation skipped it. Every
// `...Enc` column in the schema and every sealed field of a job payload must be listed, and the
// auditors' printout (`npm run admin -- sealed-columns`) shows each with its subject and retention.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { inventoryText, sealedColumns } from '../../src/db/sealed-columns.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const listed = new Set(sealedColumns.map((e) => `${e.table}.${e.column}${e.field ? `.${e.field}` : ''}`));

describe('the sealed-value inventory', () => {
  it('lists every ...Enc column of the schema', () => {
    const schema = readFileSync(path.resolve(import.meta.dirname, '../../prisma/schema.prisma'), 'utf8');
    const columns: string[] = [];
    let model = '';
    for (const line of schema.split('\n')) {
      model = /^model (\w+)/.exec(line)?.[1] ?? (line.startsWith('}') ? '' : model);
      const column = /^\s+(\w+Enc)\s/.exec(line)?.[1];
      if (model && column) columns.push(`${model}.${column}`);
    }
    expect(columns.length).toBeGreaterThan(15);
    expect(columns.filter((c) => !listed.has(c))).toEqual([]);
  });

  it('lists every sealed field of a job payload', () => {
    const fields = t.deps.jobs.kinds().flatMap((kind) => {
      const shape = (t.deps.jobs.get(kind)?.payload as z.ZodObject | undefined)?.shape ?? {};
      return Object.keys(shape)
        .filter((key) => key.endsWith('Enc'))
        .map((key) => `Job.payload.${key}`);
    });
    expect(fields).toContain('Job.payload.codeEnc');
    expect(fields.filter((f) => !listed.has(f))).toEqual([]);
  });

  it('prints, for auditors, each value with whose key seals it and how long it is kept', () => {
    const lines = inventoryText().split('\n');
    expect(lines[0]).toBe('table\tcolumn or field\tsubject\tretention');
    expect(lines).toContain(
      'Job\tpayload.codeEnc\tmaster\tdeleted with the finished job after RETENTION_SENT_MESSAGES_DAYS',
    );
    expect(lines.find((l) => l.startsWith('Concern\taccountEnc\t'))).toContain('case');
    expect(lines).toHaveLength(sealedColumns.length + 1);
  });
});
