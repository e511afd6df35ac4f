// Two whole apps on one database, both listening for notifications: what one replica changes, the
// other hears (the caches' tests).
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { startTestApp, type TestApp } from './app.js';
import { createTestDatabase } from './db.js';

export interface Replicas {
  a: TestApp;
  b: TestApp;
  close(): Promise<void>;
}

export async function startReplicas(): Promise<Replicas> {
  const database = await createTestDatabase();
  const a = await startTestApp({}, { database });
  const b = await startTestApp({}, { database });
  for (const app of [a, b])
    await vi.waitFor(() => expect(app.background.health()).resolves.toMatchObject({ listening: true }));
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await database.drop();
    },
  };
}

/** The pair for the enclosing describe: `a` and `b` are there once its beforeAll has run. */
export function useReplicas(): Pick<Replicas, 'a' | 'b'> {
  const pair = {} as Pick<Replicas, 'a' | 'b'>;
  let started: Replicas | undefined;
  beforeAll(async () => {
    started = await startReplicas();
    Object.assign(pair, { a: started.a, b: started.b });
  });
  afterAll(() => started?.close());
  return pair;
}
