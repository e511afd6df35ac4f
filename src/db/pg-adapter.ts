// Prisma's pg driver adapter with one repair. Prisma 6.19's client engine ends an interactive
// transaction by sending COMMIT or ROLLBACK through it and only then calling commit()/rollback(),
// which hand the connection back to the pool. When that statement fails (the connection was lost
// mid-transaction) neither is called: the pool slot is lost for good, so each database outage
// shrinks the pool until the bot stalls, and $disconnect() waits for ever. Here a failed COMMIT or
// ROLLBACK still hands the connection back (pg discards a broken one). Found by
// test/jobs/database-cut.test.ts; drop this when Prisma releases on that path itself.
import { PrismaPg } from '@prisma/adapter-pg';

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;

export class ReleasingPrismaPg extends PrismaPg {
  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => releaseOnFailedEnd(await startTransaction(isolationLevel));
    return adapter;
  }
}

function releaseOnFailedEnd(tx: Transaction): Transaction {
  const executeRaw = tx.executeRaw.bind(tx);
  tx.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (/^(COMMIT|ROLLBACK)$/i.test(query.sql.trim())) await tx.rollback().catch(() => undefined);
      throw error;
    }
  };
  return tx;
}
