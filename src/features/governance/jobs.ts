// Retention runs nightly at 03:30 in the network's time zone.
import { readSettings } from '../../core/settings.js';
import type { JobRegistry } from '../../jobs/registry.js';
import { applyRetention } from './retention.js';

const retentionJob = {
  catchUp: 'run' as const,
  maxAttempts: 3,
  async handler({ deps }: { deps: Parameters<typeof applyRetention>[0] }) {
    await applyRetention(deps);
  },
};

export function registerGovernanceJobs(jobs: JobRegistry): void {
  jobs.register('governance.retention', retentionJob);
  jobs.standing({
    kind: 'governance.retention',
    series: 'governance:retention',
    schedule: async (tx, deps) => ({
      every: 'day',
      time: '03:30',
      zone: (await readSettings(tx, deps.config)).networkTimeZone,
    }),
  });
}
