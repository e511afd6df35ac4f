// The append-only event table: audit log and every timeline. Data holds ids and codes, never free text.
import type { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../db/client.js';
import type { Platform } from './roles.js';

export interface EventInput {
  subjectKind: string;
  subjectId: string;
  kind: string;
  at: Date;
  actorId?: string;
  surface?: Platform;
  data?: Prisma.InputJsonObject;
}

export async function recordEvent(tx: Tx, event: EventInput): Promise<void> {
  await tx.event.create({ data: { ...event, data: event.data ?? {} } });
}
