// The database the bot runs on: DATABASE_URL when set, else an embedded server kept in DATA_DIR.
// Migrations are applied either way before anything else touches it, as the owner of the tables;
// the bot then connects as a runtime role that cannot alter or empty the audit log (src/db/roles.ts):
// - DATABASE_URL with MIGRATION_DATABASE_URL: migrate as the latter, grant the former's role;
// - DATABASE_URL alone: migrate and run as that one role (the owner), with a warning; or, when that
//   role is a runtime role (migrations applied separately by npm run db:migrate with
//   MIGRATION_DATABASE_URL), check that none is pending and run;
// - embedded: the superuser sets up an owner role and a runtime role (and upgrades an older
//   DATA_DIR), migrates as the owner, and the bot logs in as the runtime role.
import path from 'node:path';
import type { Logger } from '../core/log.js';
import { startEmbeddedPostgres } from './embedded.js';
import { applyMigrations, pendingMigrations } from './migrate.js';
import { checkRuntimeRole, ensureEmbeddedRoles, grantRuntime, inspectRole } from './roles.js';

export interface Database {
  /** Where the bot connects: the runtime role when there is one. */
  url: string;
  embedded: boolean;
  /** Migrations this start applied. */
  applied: string[];
  stop(): Promise<void>;
}

const DATABASE_NAME = 'mentor_support';

function withLogin(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

export async function openDatabase(options: {
  databaseUrl?: string;
  migrationDatabaseUrl?: string;
  dataDir: string;
  log: Logger;
}): Promise<Database> {
  const { log } = options;
  if (options.databaseUrl) {
    if (options.migrationDatabaseUrl) {
      const { role: runtime } = await inspectRole(options.databaseUrl);
      await checkRuntimeRole(options.migrationDatabaseUrl, runtime);
      const applied = await applyMigrations(options.migrationDatabaseUrl);
      const { warnings } = await grantRuntime(options.migrationDatabaseUrl, runtime);
      for (const warning of warnings) log.warn({ role: runtime }, warning);
      log.info({ applied: applied.length, embedded: false, role: runtime }, 'database ready');
      return { url: options.databaseUrl, embedded: false, applied, stop: async () => undefined };
    }
    const { role, owner } = await inspectRole(options.databaseUrl);
    if (!owner) {
      // A runtime role on its own (the owner's credentials kept out of the bot's environment, and
      // migrations applied by a separate `npm run db:migrate` with MIGRATION_DATABASE_URL).
      const pending = await pendingMigrations(options.databaseUrl);
      if (pending.length) {
        throw new Error(
          `migrations ${pending.join(', ')} are not applied, and ${role} (DATABASE_URL) does not own the tables to apply them: run npm run db:migrate with MIGRATION_DATABASE_URL set to the owner (README, "Database")`,
        );
      }
      log.info({ applied: 0, embedded: false, role }, 'database ready');
      return { url: options.databaseUrl, embedded: false, applied: [], stop: async () => undefined };
    }
    const applied = await applyMigrations(options.databaseUrl);
    log.warn(
      { role, migrationDatabaseUrl: false },
      'the bot connects as the owner of the tables, so it could disable the audit log\'s append-only trigger; set MIGRATION_DATABASE_URL to the owner and DATABASE_URL to a runtime role (README, "Database")',
    );
    log.info({ applied: applied.length, embedded: false }, 'database ready');
    return { url: options.databaseUrl, embedded: false, applied, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataRoot: options.dataDir });
  try {
    const roles = await ensureEmbeddedRoles(server.url, DATABASE_NAME, options.dataDir);
    const superuser = server.url(DATABASE_NAME);
    const applied = await applyMigrations(superuser, undefined, { role: roles.owner });
    const { warnings } = await grantRuntime(superuser, roles.runtime, { role: roles.owner });
    for (const warning of warnings) log.warn({ role: roles.runtime }, warning);
    log.info(
      {
        applied: applied.length,
        embedded: true,
        dataDir: path.join(options.dataDir, 'postgres'),
        port: server.port,
        role: roles.runtime,
      },
      'database ready',
    );
    return {
      url: withLogin(superuser, roles.runtime, roles.password),
      embedded: true,
      applied,
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
