// npm run restore -- <file>: restore a backup into the configured database, which must be empty.
import { restoreDatabase } from '../db/backup.js';
import { openCli, runCli, UsageError } from './context.js';

await runCli('npm run restore -- <file>', async ([file]) => {
  if (!file) throw new UsageError('Name the backup file to restore.');
  const cli = await openCli();
  try {
    const counts = await restoreDatabase(cli.database.url, file);
    process.stdout.write(`Restored ${Object.values(counts).reduce((a, b) => a + b, 0)} rows from ${file}.\n`);
  } finally {
    await cli.close();
  }
});
