import { PrismaClient } from '../generated/prisma/client.js';
import { ReleasingPrismaPg } from './pg-adapter.js';

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export function createDb(connectionString: string): Db {
  return new PrismaClient({ adapter: new ReleasingPrismaPg({ connectionString, max: 20 }) });
}
