// npm run db:migrate: apply the committed migrations to the configured database and say which. With
// MIGRATION_DATABASE_URL set they run as that owner role, which then grants DATABASE_URL's runtime role
// what the bot needs (src/db/roles.ts); the embedded database does the same with its own two roles.
import { openCli, runCli } from './context.js';

await runCli('npm run db:migrate', async () => {
  const cli = await openCli();
  await cli.close();
  process.stdout.write(
    cli.database.applied.length ? `Applied: ${cli.database.applied.join(', ')}\n` : 'The database is up to date.\n',
  );
});
