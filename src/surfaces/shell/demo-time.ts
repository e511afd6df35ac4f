// Moving the terminal demo's clock: the clock steps from one due job to the next until the target,
// and at each step the job runner runs what is due and the dispatcher delivers what it owed, so
// a newcomer sees an overdue session escalate, a P1 re-page, a check-in and a digest in the order
// they would have happened. Only the demo's DemoClock can move; on any other clock time is real.
import { DemoClock, type Clock } from '../../core/clock.js';
import type { Deps } from '../../core/deps.js';
import type { Background } from '../../jobs/background.js';

export type DueWork = Pick<Background, 'runner' | 'dispatcher'>;

/** Enough for weeks of daily series and re-pages; a loop that never settles stops here. */
const MAX_STEPS = 5_000;

export const movableClock = (clock: Clock): DemoClock | undefined => (clock instanceof DemoClock ? clock : undefined);

/** The next time a pending job falls due after now and no later than `until`. */
async function nextDue(deps: Deps, until: Date): Promise<Date | undefined> {
  const now = deps.clock.now();
  const rows = await deps.db.$queryRaw<{ at: Date | null }[]>`
    SELECT min("runAt") AS at FROM "Job" WHERE "status" = 'pending' AND "runAt" > ${now} AND "runAt" <= ${until}`;
  return rows[0]?.at ?? undefined;
}

/** Runs what is due now and delivers what it owed, waiting for deliveries already under way. */
async function runDue(deps: Deps, work: DueWork): Promise<void> {
  await work.runner.tick();
  await work.runner.idle();
  await work.dispatcher.drain();
  // Up to 10 s: on a loaded machine a delivery can take seconds, and moving on before it is printed
  // would show a later step's message first (a stuck delivery still cannot hold the demo for ever).
  for (let waited = 0; waited < 10_000; waited += 20) {
    const sending = await deps.db.outboxMessage.count({ where: { platform: 'shell', status: 'sending' } });
    if (!sending) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Moves `clock` forward to `to`, stopping at each due time on the way; `onStep` hears each time first. */
export async function advanceDemoClock(
  deps: Deps,
  clock: DemoClock,
  work: DueWork,
  to: Date,
  onStep: (at: Date) => void,
): Promise<void> {
  await runDue(deps, work);
  for (let step = 0; step < MAX_STEPS; step++) {
    const at = await nextDue(deps, to);
    if (!at) break;
    clock.moveTo(at);
    onStep(clock.now());
    await runDue(deps, work);
  }
  clock.moveTo(to);
  onStep(clock.now());
  await runDue(deps, work);
}
