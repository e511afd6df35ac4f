// npm run db:migrate: apply the committed migrations to the configured database and say which.
import { ConfigError } from '../config.js';
import { openCliDatabase } from './cli-database.js';

try {
  const { database } = await openCliDatabase();
  process.stdout.write(database.applied.length ? `Applied: ${database.applied.join(', ')}\n` : 'The database is up to date.\n');
  await database.stop();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
