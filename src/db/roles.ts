// Least privilege in the database (issue 16). The audit log's trigger refuses UPDATE, DELETE and
// TRUNCATE, but whoever owns the "Event" table can disable the trigger first. So migrations run as
// an owner role and the bot as a runtime role that can read and append the audit log, read and write
// the other tables, and owns nothing (ALTER TABLE ... DISABLE TRIGGER, DROP and RENAME need
// ownership). LISTEN/NOTIFY and advisory locks need no grant.
//
// grantRuntime runs after every migration, as the owner: idempotent, and with default privileges so
// tables a later migration creates are covered before the next grant. ensureEmbeddedRoles is the
// embedded server's set-up and upgrade step, run as its superuser before migrating.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { LOCK_KEY } from './migrate.js';
import { inTransaction, withConnection } from './pg-connection.js';

/** The audit log: SELECT and INSERT only. */
export const AUDIT_TABLE = 'Event';
/** Migration bookkeeping: the runtime role reads it (backups record which migrations they need). */
const BOOKKEEPING_TABLE = '_prisma_migrations';
const SCHEMA = 'public';

/** The embedded server's roles (its own cluster, so fixed names). */
export const EMBEDDED_OWNER = 'msb_owner';
export const EMBEDDED_RUNTIME = 'msb_bot';
export const RUNTIME_PASSWORD_FILE = 'postgres.runtime.password';

const quote = (name: string) => pg.escapeIdentifier(name);

/**
 * The role a connection string logs in as (asked of the server: the URL may leave it to PGUSER), and
 * whether it is the owner: a superuser, or the audit table's owner or a member of it, or, with no
 * audit table yet, a role that may create it (the first migration makes whoever runs it the owner).
 */
export async function inspectRole(connectionString: string): Promise<{ role: string; owner: boolean }> {
  return withConnection(connectionString, async (client) => {
    const [row] = (
      await client.query<{ role: string; owner: boolean }>(
        `SELECT current_user::text AS role,
                (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                OR coalesce((SELECT pg_has_role(current_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = to_regclass($1)),
                            has_schema_privilege(current_user, $2, 'CREATE')) AS owner`,
        [`${quote(SCHEMA)}.${quote(AUDIT_TABLE)}`, SCHEMA],
      )
    ).rows;
    return row!;
  });
}

/** The statements that grant `runtime` what the bot needs; run by the owner of the tables. */
export function runtimeGrants(runtime: string, database: string): string[] {
  const r = quote(runtime);
  const s = quote(SCHEMA);
  return [
    `GRANT CONNECT ON DATABASE ${quote(database)} TO ${r}`,
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${s}.${quote(AUDIT_TABLE)} FROM ${r}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${s}.${quote(BOOKKEEPING_TABLE)} FROM ${r}`,
    // Tables and sequences the owner creates later (the next migrations) are granted as they appear.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${r}`,
  ];
}

export interface GrantReport {
  /** Things that weaken the separation without breaking it, for a start-up warning. */
  warnings: string[];
}

/**
 * Why the runtime role could still alter the audit table whatever is granted, or undefined: it is the
 * owner, a superuser, or owns (or belongs to the owner of) the schema or a table in it.
 */
async function unsafeRuntime(client: pg.Client, runtimeRole: string): Promise<string | undefined> {
  const [me] = (
    await client.query<{ owner: string; database: string }>(
      'SELECT current_user AS owner, current_database() AS database',
    )
  ).rows;
  const { owner, database } = me!;
  if (owner === runtimeRole)
    return `MIGRATION_DATABASE_URL and DATABASE_URL log in as the same role (${owner}); DATABASE_URL must name a separate runtime role (README, "Database")`;
  const [role] = (
    await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [runtimeRole])
  ).rows;
  if (!role) return `the runtime role ${runtimeRole} does not exist (README, "Database")`;
  if (role.rolsuper)
    return `the runtime role ${runtimeRole} is a superuser and could disable the audit log's trigger; use a role without SUPERUSER (README, "Database")`;
  // The schema belongs to pg_database_owner (PostgreSQL 15+): name the database's owner instead.
  const owned = await client.query<{ name: string; owner: string }>(
    `SELECT 'schema ' || n.nspname AS name,
            pg_get_userbyid(CASE WHEN n.nspowner = 'pg_database_owner'::regrole THEN (SELECT datdba FROM pg_database WHERE datname = current_database()) ELSE n.nspowner END)::text AS owner
       FROM pg_namespace n WHERE n.nspname = $2 AND pg_has_role($1, n.nspowner, 'MEMBER')
     UNION ALL
     SELECT 'table ' || c.relname, pg_get_userbyid(c.relowner)::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND pg_has_role($1, c.relowner, 'MEMBER')`,
    [runtimeRole, SCHEMA],
  );
  if (!owned.rowCount) return undefined;
  const fixes = [...new Set(owned.rows.map((row) => row.owner))].map((o) =>
    o === runtimeRole
      ? `REASSIGN OWNED BY ${quote(runtimeRole)} TO ${quote(owner)}`
      : `REVOKE ${quote(o)} FROM ${quote(runtimeRole)}`,
  );
  const names =
    owned.rows
      .slice(0, 3)
      .map((row) => row.name)
      .join(', ') + (owned.rows.length > 3 ? ', …' : '');
  return `the runtime role ${runtimeRole} owns, or belongs to the owner of, ${names} and could disable the audit log's trigger; as a superuser, in database ${database}, run: ${fixes.join('; ')} (README, "Database")`;
}

/** Refuses early (before migrating) a runtime role that could alter the audit table; see unsafeRuntime. */
export async function checkRuntimeRole(ownerUrl: string, runtimeRole: string): Promise<void> {
  await withConnection(ownerUrl, async (client) => {
    const problem = await unsafeRuntime(client, runtimeRole);
    if (problem) throw new Error(problem);
  });
}

/**
 * Grants the runtime role what the bot needs, connected as the owner of the tables (`options.role`:
 * SET ROLE to the owner first), under the migrations' advisory lock. Refuses, with what to do, when
 * the runtime role could still change the audit table.
 */
export async function grantRuntime(
  ownerUrl: string,
  runtimeRole: string,
  options: { role?: string } = {},
): Promise<GrantReport> {
  return withConnection(ownerUrl, async (client) => {
    if (options.role) await client.query(`SET ROLE ${quote(options.role)}`);
    return inTransaction(client, async () => {
      const warnings: string[] = [];
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const problem = await unsafeRuntime(client, runtimeRole);
      if (problem) throw new Error(problem);

      // PostgreSQL before 15 lets every role create tables in public; the runtime role must not.
      const [{ create }] = (
        await client.query<{ create: boolean }>(`SELECT has_schema_privilege($1, $2, 'CREATE') AS create`, [
          runtimeRole,
          SCHEMA,
        ])
      ).rows as [{ create: boolean }];
      if (create) {
        await client.query('SAVEPOINT public_create');
        await client.query(`REVOKE CREATE ON SCHEMA ${quote(SCHEMA)} FROM PUBLIC`).then(
          () => client.query('RELEASE SAVEPOINT public_create'),
          () => client.query('ROLLBACK TO SAVEPOINT public_create'),
        );
      }

      const [{ database }] = (await client.query<{ database: string }>('SELECT current_database() AS database'))
        .rows as [{ database: string }];
      for (const statement of runtimeGrants(runtimeRole, database)) await client.query(statement);

      // The outcome, whatever PUBLIC or a group role grants: no changing the audit log.
      const [check] = (
        await client.query<{ tamper: boolean; create: boolean }>(
          `SELECT has_table_privilege($1, $2, 'UPDATE, DELETE, TRUNCATE') AS tamper, has_schema_privilege($1, $3, 'CREATE') AS create`,
          [runtimeRole, `${quote(SCHEMA)}.${quote(AUDIT_TABLE)}`, SCHEMA],
        )
      ).rows;
      if (check!.tamper)
        throw new Error(
          `the runtime role ${runtimeRole} can still change the audit log (a grant to PUBLIC or to a role it belongs to); revoke it (README, "Database")`,
        );
      if (check!.create)
        warnings.push(
          `the runtime role ${runtimeRole} can create tables in schema ${SCHEMA}; revoke CREATE on it (README, "Database")`,
        );
      return { warnings };
    });
  });
}

/**
 * The embedded server's roles, made on every start as its superuser (each step is a no-op once
 * done): an owner role that cannot log in and owns the database and everything in it, and a runtime
 * login role whose generated password is kept in `dataRoot`. A data directory made before these
 * roles existed is upgraded: what the superuser owned in the database passes to the owner role.
 * Returns the runtime role's password.
 */
export async function ensureEmbeddedRoles(
  adminUrl: (database: string) => string,
  database: string,
  dataRoot: string,
): Promise<{ owner: string; runtime: string; password: string }> {
  const passwordFile = path.join(dataRoot, RUNTIME_PASSWORD_FILE);
  let password = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : '';
  if (!password) {
    password = randomBytes(24).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
  }
  const admin = new pg.Client({ connectionString: adminUrl('postgres') });
  await admin.connect();
  try {
    const exists = async (role: string) =>
      ((await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount ?? 0) > 0;
    if (!(await exists(EMBEDDED_OWNER))) await admin.query(`CREATE ROLE ${quote(EMBEDDED_OWNER)} NOLOGIN`);
    // The password is set on every start, so the file is the truth even if it was lost and remade.
    const literal = pg.escapeLiteral(password);
    await admin.query(
      `${(await exists(EMBEDDED_RUNTIME)) ? 'ALTER' : 'CREATE'} ROLE ${quote(EMBEDDED_RUNTIME)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${literal}`,
    );
    const [db] = (
      await admin.query<{ owner: string }>(
        'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
        [database],
      )
    ).rows;
    if (!db) await admin.query(`CREATE DATABASE ${quote(database)} OWNER ${quote(EMBEDDED_OWNER)}`);
    else if (db.owner !== EMBEDDED_OWNER)
      await admin.query(`ALTER DATABASE ${quote(database)} OWNER TO ${quote(EMBEDDED_OWNER)}`);
  } finally {
    await admin.end();
  }
  await transferOwnership(adminUrl(database), EMBEDDED_OWNER);
  return { owner: EMBEDDED_OWNER, runtime: EMBEDDED_RUNTIME, password };
}

/**
 * Gives `owner` everything in the public schema it does not own yet (tables with their indexes and
 * column sequences, other sequences, types, routines). Run as a superuser.
 */
export async function transferOwnership(superuserUrl: string, owner: string): Promise<number> {
  return withConnection(superuserUrl, (client) => {
    const to = `OWNER TO ${quote(owner).replaceAll('%', '%%')}`;
    const notMine = (column: string) => `${column} <> (SELECT oid FROM pg_roles WHERE rolname = $2)`;
    const notInExtension = (oid: string) =>
      `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = ${oid} AND d.deptype = 'e')`;
    // Tables first: their column sequences follow them and cannot be given away on their own.
    const statements = [
      `SELECT format('ALTER TABLE %s ${to}', c.oid::regclass) AS sql FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${notMine('c.relowner')} AND ${notInExtension('c.oid')}`,
      `SELECT format('ALTER SEQUENCE %s ${to}', c.oid::regclass) AS sql FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'S' AND ${notMine('c.relowner')} AND ${notInExtension('c.oid')}`,
      `SELECT format('ALTER TYPE %s ${to}', t.oid::regtype) AS sql FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'r') AND ${notMine('t.typowner')} AND ${notInExtension('t.oid')}`,
      `SELECT format('ALTER ROUTINE %s ${to}', p.oid::regprocedure) AS sql FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = $1 AND ${notMine('p.proowner')} AND ${notInExtension('p.oid')}`,
    ];
    return inTransaction(client, async () => {
      let changed = 0;
      for (const select of statements) {
        for (const { sql } of (await client.query<{ sql: string }>(select, [SCHEMA, owner])).rows) {
          await client.query(sql);
          changed++;
        }
      }
      return changed;
    });
  });
}
