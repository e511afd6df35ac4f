// Every feature registers its handlers with the router here; start-up then checks the catalogue.
import type { Router } from '../core/router.js';
import { registerCases } from './cases/index.js';
import { registerConcerns } from './concerns/index.js';
import { registerDebrief } from './debrief/index.js';
import { registerDigest } from './digest/index.js';
import { registerDuty } from './duty/index.js';
import { registerEscalation } from './escalation/index.js';
import { registerGovernanceJobs } from './governance/jobs.js';
import { registerHelp } from './help/index.js';
import { registerMembers } from './members/index.js';
import { registerSessions } from './sessions/index.js';
import { registerSupervision } from './supervision/index.js';
import { registerWelfare } from './welfare/index.js';

export function registerFeatures(router: Router): void {
  registerHelp(router);
  registerDebrief(router);
  registerCases(router);
  registerSessions(router);
  registerEscalation(router);
  registerConcerns(router);
  registerDuty(router);
  registerMembers(router);
  registerSupervision(router);
  registerWelfare(router);
  registerDigest(router);
  registerGovernanceJobs();
}
