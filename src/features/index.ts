// Every feature registers its handlers with the router here; start-up then checks the catalogue.
import type { Router } from '../core/router.js';
import type { WebRouter } from '../web/index.js';
import { registerCases } from './cases/index.js';
import { registerConcerns } from './concerns/index.js';
import { registerDebrief } from './debrief/index.js';
import { registerDigest } from './digest/index.js';
import { registerDutyPages } from './duty/calendar.js';
import { registerDuty } from './duty/index.js';
import { registerEscalationPages } from './escalation/ack-link-page.js';
import { registerEscalation } from './escalation/index.js';
import { registerGovernanceJobs } from './governance/jobs.js';
import { registerHelp } from './help/index.js';
import { registerHome } from './home/index.js';
import { registerMembers } from './members/index.js';
import { registerReferrals } from './referrals/index.js';
import { registerReportPages } from './reports/pages.js';
import { registerReports } from './reports/index.js';
import { registerMentors } from './mentors/index.js';
import { registerSessions } from './sessions/index.js';
import { registerSupervision } from './supervision/index.js';
import { registerWelfare } from './welfare/index.js';

export function registerFeatures(router: Router): void {
  registerHelp(router);
  registerHome(router);
  registerDebrief(router);
  registerCases(router);
  registerSessions(router);
  registerEscalation(router);
  registerConcerns(router);
  registerDuty(router);
  registerMembers(router);
  registerMentors(router);
  registerSupervision(router);
  registerWelfare(router);
  registerDigest(router);
  registerReferrals(router);
  registerReports(router);
  registerGovernanceJobs();
}

/** Every feature's web pages (the ack link, reports, calendar feeds), on this app's web router. */
export function registerPages(web: WebRouter): void {
  registerEscalationPages(web);
  registerReportPages(web);
  registerDutyPages(web);
}
