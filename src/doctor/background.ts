// The setup checks in the background: after start-up (never delaying it) and then daily, each
// failing check logged as a warning (its fixed line: no secrets) and the failures recorded as a
// `setup.checked` event, which the daily cover check reads with setupProblems() (record.ts) and reports.
import type { Config } from '../config.js';
import type { CommandDecl } from '../core/catalogue.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Db } from '../db/client.js';
import { runSetupChecks } from './index.js';
import { recordSetupCheck } from './record.js';
import type { CheckResult } from './result.js';

const DAY = 24 * 60 * 60_000;

export interface BackgroundDoctor {
  stop(): void;
}

export async function checkSetupOnce(
  deps: { config: Config; db: Db; log: Logger; clock: Clock },
  catalogue: readonly CommandDecl[],
): Promise<CheckResult[]> {
  const results = await runSetupChecks(deps.config, { catalogue, db: deps.db });
  const failing = results.filter((r) => r.status === 'fail');
  for (const result of failing)
    deps.log.warn(
      { check: result.check, problem: result.line },
      'setup check failed (npm run doctor says what to fix)',
    );
  await recordSetupCheck(
    deps.db,
    deps.clock.now(),
    failing.map((r) => ({ check: r.check, line: r.line })),
  );
  return results;
}

/** Starts the checks shortly after start-up and daily after that; a failure of the checks themselves is logged. */
export function startBackgroundDoctor(
  deps: { config: Config; db: Db; log: Logger; clock: Clock },
  catalogue: readonly CommandDecl[],
  options: { firstAfterMs?: number } = {},
): BackgroundDoctor {
  const run = () =>
    void checkSetupOnce(deps, catalogue).catch((error: unknown) =>
      deps.log.warn({ err: { name: (error as Error).name } }, 'setup checks could not run'),
    );
  const first = setTimeout(run, options.firstAfterMs ?? 5_000);
  const daily = setInterval(run, DAY);
  first.unref();
  daily.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
