// Direct PostgreSQL connections outside Prisma: one for a maintenance task (roles, backup, key
// rotation), always closed, with a transaction that rolls back whatever throws; and a health probe.
import pg from 'pg';

/** Connects, hands the connection to `work`, and closes it however `work` ends. */
export async function withConnection<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `work` in one transaction on this connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Whether the database answers `SELECT 1` within `timeoutMs`, on a connection of its own. Closing is
 * not awaited: the answer comes in time even when closing a dead connection hangs.
 */
export async function probeDatabase(
  connectionString: string,
  timeoutMs: number,
): Promise<{ reachable: true } | { reachable: false; error: unknown }> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { reachable: true };
  } catch (error) {
    return { reachable: false, error };
  } finally {
    void client.end().catch(() => undefined);
  }
}
