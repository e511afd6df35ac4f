// npm run db:migrate: apply the committed migrations to the configured database and say which.
import { openCli, runCli } from './context.js';

await runCli('npm run db:migrate', async () => {
  const cli = await openCli();
  await cli.close();
  process.stdout.write(cli.database.applied.length ? `Applied: ${cli.database.applied.join(', ')}\n` : 'The database is up to date.\n');
});
