// npm run backup -- <file>: a consistent logical backup of the configured database, while it runs.
import { backupDatabase } from '../db/backup.js';
import { openCli, runCli, UsageError } from './context.js';

await runCli('npm run backup -- <file>', async ([file]) => {
  if (!file) throw new UsageError('Name the file to write, for example backups/2026-11-22.jsonl');
  const cli = await openCli();
  try {
    const counts = await backupDatabase(cli.database.url, file);
    process.stdout.write(
      `Backed up ${Object.values(counts).reduce((a, b) => a + b, 0)} rows to ${file}. Back up the keys separately (README).\n`,
    );
  } finally {
    await cli.close();
  }
});
