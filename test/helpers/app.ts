// A whole bot in-process on a test file's own database: real router, HTTP server and surfaces.
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { startApp, type App } from '../../src/app.js';
import { ManualClock } from './clock.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { testConfig } from './deps.js';

export interface TestApp extends App {
  clock: ManualClock;
  database: TestDatabase;
  /** Terminal surface input and everything it printed so far (when the shell runs). */
  input: PassThrough;
  output: () => string;
  close(): Promise<void>;
}

/** Starts the bot with `env` on top of the test defaults (PORT=0, no surfaces unless asked). */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { database?: TestDatabase; clock?: ManualClock } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const clock = options.clock ?? new ManualClock();
  const input = new PassThrough();
  const outputStream = new PassThrough();
  let printed = '';
  outputStream.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const app = await startApp(testConfig({ PORT: '0', DATABASE_URL: database.url, SURFACES: 'shell', ...env }), {
    io: { input, output: outputStream },
    clock,
    log: pino({ level: 'silent' }),
  });
  return {
    ...app,
    clock,
    database,
    input,
    output: () => printed,
    async close() {
      await app.stop();
      if (!options.database) await database.drop();
    },
  };
}
