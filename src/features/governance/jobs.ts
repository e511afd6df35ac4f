// Retention runs nightly at 03:30 in the network's time zone.
import { readSettings } from '../../core/settings.js';
import type { StandingSeries } from '../../jobs/series.js';
import { job } from '../feature.js';
import { applyRetention } from './retention.js';

export const RETENTION_JOB = 'governance.retention';

export const governanceJobs = {
  [RETENTION_JOB]: job({
    catchUp: 'run',
    maxAttempts: 3,
    async handler({ deps }) {
      await applyRetention(deps);
    },
  }),
};

export const governanceSeries: StandingSeries[] = [
  {
    kind: RETENTION_JOB,
    series: 'governance:retention',
    schedule: async (tx, deps) => ({
      every: 'day',
      time: '03:30',
      zone: (await readSettings(tx, deps)).networkTimeZone,
    }),
  },
];
