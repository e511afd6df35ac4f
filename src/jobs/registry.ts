// Job kinds and standing series, declared by features (features/<name>/jobs.ts) and put in one
// app's registry when it is built (features/install.ts); the runner looks kinds up here.
import type { z } from 'zod';
import type { Deps } from '../core/deps.js';
import type { Tx } from '../db/client.js';
import type { StandingSeries } from './series.js';
import { defaultBackoff, type BackoffPolicy } from './backoff.js';

export interface JobRow {
  id: string;
  kind: string;
  dueAt: Date;
  payload: unknown;
  subjectKind: string | null;
  subjectId: string | null;
  fence: string | null;
  series: string | null;
  attempts: number;
}

export interface JobContext<P> {
  deps: Deps;
  /** The job's transaction: the handler's writes (and the messages it owes) commit with "done". */
  tx: Tx;
  job: JobRow & { payload: P };
  now: Date;
  /** How late it runs: now minus its due time. */
  lateMs: number;
}

/**
 * What to do with work that fell due while no runner was up (or during a long outage):
 * run it late, or skip it when it is more than `maxLateMs` late (a skipped job is not a failure
 * and its handler never sees it; a recurring series carries on from its next occurrence).
 */
export type CatchUp = 'run' | { skipIfLaterThanMs: number };

export interface SendContext<P, O> {
  deps: Deps;
  job: JobRow & { payload: P };
  /** What the handler returned: everything the send needs, read while the transaction was open. */
  outgoing: O;
  now: Date;
  /** Aborted when the runner's send timeout passes (the attempt then counts as failed). */
  signal: AbortSignal;
}

export interface JobKind<P = unknown, O = unknown> {
  /**
   * Runs in the job's transaction, after its claim and fence. A kind with `send` prepares its
   * message here and returns it (returning nothing ends the job as done with nothing sent); it must
   * not talk to the outside itself.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler with nothing to send returns nothing (`async () => {}`).
  handler(ctx: JobContext<P>): Promise<O | void>;
  /**
   * For jobs that talk to the outside (e-mail, webhooks): runs after the handler's transaction has
   * committed, holding no row lock (the job's lease keeps other runners off it), then `settle` runs
   * in a short transaction guarded by the lease token. Throw to retry (PermanentJobError: fail).
   * A crash between send and settle repeats the send once the lease runs out (at least once).
   */
  send?(ctx: SendContext<P, O>): Promise<void>;
  /** After a successful send, in the settling transaction: record what was sent. */
  settle?(ctx: JobContext<P> & { outgoing: O }): Promise<void>;
  catchUp: CatchUp;
  /** Attempts before the job is marked failed (and coordinators are told). */
  maxAttempts: number;
  backoff?: BackoffPolicy;
  /** Validates the stored payload before the handler sees it. */
  payload?: z.ZodType<P>;
  /**
   * The subject's current fencing token. A job whose `fence` differs is stale and does nothing
   * (and ends its series). Read the token with FOR UPDATE (or FOR SHARE) so that a change to the
   * subject waits for the running job, or the job sees the change.
   */
  fence?(tx: Tx, job: JobRow): Promise<string | null | undefined>;
}

export interface JobRegistry {
  register<P, O>(kind: string, def: JobKind<P, O>): void;
  get(kind: string): JobKind | undefined;
  kinds(): string[];
  /** Declares a recurring series that must always exist. */
  standing(series: StandingSeries): void;
  /** The declared standing series. */
  series(): StandingSeries[];
}

export function createJobRegistry(): JobRegistry {
  const kinds = new Map<string, JobKind>();
  const standing = new Map<string, StandingSeries>();
  return {
    register(kind, def) {
      if (!/^[a-z][a-z0-9_.-]{0,80}$/.test(kind))
        throw new Error(`job kind ${JSON.stringify(kind)}: use lower case words joined by . _ or -`);
      if (kinds.has(kind)) throw new Error(`job kind ${kind} registered twice`);
      if (!Number.isInteger(def.maxAttempts) || def.maxAttempts < 1)
        throw new Error(`job kind ${kind}: maxAttempts must be a whole number from 1`);
      kinds.set(kind, def);
    },
    get: (kind) => kinds.get(kind),
    kinds: () => [...kinds.keys()],
    standing(series) {
      if (standing.has(series.series)) throw new Error(`standing series ${series.series} declared twice`);
      standing.set(series.series, series);
    },
    series: () => [...standing.values()],
  };
}

export const backoffOf = (def: JobKind): BackoffPolicy => def.backoff ?? defaultBackoff;
