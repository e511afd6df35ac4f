// The Prisma client on one pool per process, and the transaction type features write in.
import { PrismaClient } from '../generated/prisma/client.js';
import { ReleasingPrismaPg } from './pg-adapter.js';

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * One pool per process: the interactions admitted at once (MAX_IN_FLIGHT, 8 by default) leave room
 * for the job runner's and the outbox's lanes. Waiting for a connection has no time limit, so a page
 * due to go out waits rather than fails; members are kept from queueing by admission instead.
 */
export function createDb(connectionString: string): Db {
  return new PrismaClient({ adapter: new ReleasingPrismaPg({ connectionString, max: 20 }) });
}
