// The weekly draft: a recurring job in the network's time zone (DIGEST_DAY at DIGEST_TIME, default
// Monday 09:00) that drafts the digest of the ISO week before the one it falls due in. Catch-up runs
// it late (a missed Monday still gets its draft); drafting a week twice does nothing.
import { readSettings } from '../../core/settings.js';
import { registerJobKind, type JobKind } from '../../jobs/registry.js';
import { registerStandingSeries } from '../../jobs/series.js';
import { buildDraft, digestSchedule, WEEKLY_KIND, WEEKLY_SERIES } from './service.js';
import { previousWeek } from './week.js';

const weekly: JobKind = {
  catchUp: 'run',
  maxAttempts: 5,
  async handler({ tx, deps, job, now }) {
    const { networkTimeZone } = await readSettings(tx, deps.config);
    const { digestId, created } = await buildDraft({ tx, deps, now }, previousWeek(job.dueAt, networkTimeZone));
    deps.log.info({ digestId, created }, 'digest draft');
  },
};

export function registerDigestJobs(): void {
  registerJobKind(WEEKLY_KIND, weekly);
  // Made sure of at every start, so the figures are drafted weekly even before anyone uses /share.
  registerStandingSeries({ kind: WEEKLY_KIND, series: WEEKLY_SERIES, schedule: digestSchedule });
}
