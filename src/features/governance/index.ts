// Governance: the nightly retention pass (subject access export and erasure run from the command
// line, src/cli/). This feature adds only its job and the series that keeps it scheduled.
import { defineFeature } from '../feature.js';
import { governanceJobs, governanceSeries } from './jobs.js';

export const governance = defineFeature({
  name: 'governance',
  jobs: governanceJobs,
  series: governanceSeries,
});
