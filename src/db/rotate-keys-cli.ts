// npm run keys:rotate: re-encrypt everything under the first key of DATA_KEYS (or .data/keys).
import { ConfigError } from '../config.js';
import { Cipher } from './cipher.js';
import { openCliDatabase } from './cli-database.js';
import { loadDataKeys } from './keys.js';
import { rotateKeys } from './rotate-keys.js';

try {
  const { config, database } = await openCliDatabase();
  const { keys } = loadDataKeys({ dataKeys: config.DATA_KEYS, databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const cipher = new Cipher(keys);
  const counts = await rotateKeys(database.url, cipher);
  process.stdout.write(`Re-encrypted under key ${cipher.currentKeyId}: ${JSON.stringify(counts)}\n`);
  await database.stop();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
