// The draft: a recurring job in the network's time zone (DIGEST_DAY at DIGEST_TIME, default Monday
// 09:00) that drafts the digest of the period that has just ended (DIGEST_PERIOD: every week, every
// second week, or the first such day of a month; period.ts), judged by the time it fell due. Catch-up
// runs it late (a missed Monday still gets its draft); drafting a period twice does nothing.
import { readSettings } from '../../core/settings.js';
import type { JobKind, JobRegistry } from '../../jobs/registry.js';
import { periodDueAt } from './period.js';
import { digestSchedule, WEEKLY_KIND, WEEKLY_SERIES } from './series.js';
import { buildDraft } from './service.js';

const weekly: JobKind = {
  catchUp: 'run',
  maxAttempts: 5,
  async handler({ tx, deps, job, now }) {
    const { networkTimeZone } = await readSettings(tx, deps.config);
    const period = periodDueAt(deps.config.DIGEST_PERIOD, job.dueAt, networkTimeZone);
    if (!period) return;
    const { digestId, created } = await buildDraft({ tx, deps, now }, period);
    deps.log.info({ digestId, created, period: period.kind }, 'digest draft');
  },
};

export function registerDigestJobs(jobs: JobRegistry): void {
  jobs.register(WEEKLY_KIND, weekly);
  // Made sure of at every start, so the figures are drafted weekly even before anyone uses /share.
  jobs.standing({ kind: WEEKLY_KIND, series: WEEKLY_SERIES, schedule: digestSchedule });
}
