// The draft: a recurring job in the network's time zone (DIGEST_DAY at DIGEST_TIME, default Monday
// 09:00) that drafts the digest of the period that has just ended (DIGEST_PERIOD: every week, every
// second week, or the first such day of a month; period.ts), judged by the time it fell due. Catch-up
// runs it late (a missed Monday still gets its draft); drafting a period twice does nothing.
import { readSettings } from '../../core/settings.js';
import { job } from '../feature.js';
import { buildDraft } from './draft.js';
import { periodDueAt } from './period.js';
import { WEEKLY_KIND } from './series.js';

export const digestJobs = {
  [WEEKLY_KIND]: job({
    catchUp: 'run',
    maxAttempts: 5,
    async handler(ctx) {
      const { tx, deps } = ctx;
      const { networkTimeZone } = await readSettings(tx, deps);
      const period = periodDueAt(deps.config.DIGEST_PERIOD, ctx.job.dueAt, networkTimeZone);
      if (!period) return;
      const { digestId, created } = await buildDraft(ctx, period);
      deps.log.info({ digestId, created, period: period.kind }, 'digest draft');
    },
  }),
};
