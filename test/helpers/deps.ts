// Real dependencies for feature and core tests: a real database, a test key, a manual clock.
import pino from 'pino';
import { catalogue } from '../../commands/index.js';
import { configSchema, type Config } from '../../src/config.js';
import type { Deps } from '../../src/core/deps.js';
import { Router } from '../../src/core/router.js';
import { Cipher } from '../../src/db/cipher.js';
import { createDb } from '../../src/db/client.js';
import { Vault } from '../../src/db/vault.js';
import { features } from '../../src/features/index.js';
import { installFeatures, jobRegistryOf } from '../../src/features/install.js';
import { createOutboxWriter } from '../../src/jobs/outbox-writer.js';
import { ManualClock } from './clock.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { SettingsCache } from '../../src/core/settings-cache.js';
import { IdentityCache } from '../../src/core/identity-cache.js';

export const TEST_KEY = Buffer.alloc(32, 7);
export const TEST_DATA_KEYS = `test:${TEST_KEY.toString('base64')}`;

export function testConfig(overrides: Record<string, string> = {}): Config {
  return configSchema.parse({ LOG_LEVEL: 'silent', DATA_KEYS: TEST_DATA_KEYS, ...overrides });
}

export interface TestContext {
  deps: Deps;
  router: Router;
  clock: ManualClock;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function createTestContext(
  options: { config?: Record<string, string>; channelPlatforms?: ('slack' | 'discord')[] } = {},
): Promise<TestContext> {
  const database = await createTestDatabase();
  const clock = new ManualClock();
  const db = createDb(database.url);
  const cipher = new Cipher([{ id: 'test', key: TEST_KEY }]);
  const vault = new Vault(cipher);
  const deps: Deps = {
    config: testConfig({ DATABASE_URL: database.url, ...options.config }),
    db,
    cipher,
    vault,
    clock,
    log: pino({ level: 'silent' }),
    outbox: createOutboxWriter({ vault, clock }, () => options.channelPlatforms ?? []),
    jobs: jobRegistryOf(features),
    settings: new SettingsCache(),
    identities: new IdentityCache(),
  };
  const router = new Router(deps, catalogue);
  installFeatures(router, features);
  router.verify();
  return {
    deps,
    router,
    clock,
    database,
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
