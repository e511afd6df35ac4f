// The app's features, in the order their home sections and help appear. app.ts installs them on
// one app's router, job registry and web router (install.ts); nothing registers itself on import.
import type { Router } from '../core/router.js';
import type { JobRegistry } from '../jobs/registry.js';
import type { WebRouter } from '../web/index.js';
import { registerCases } from './cases/index.js';
import { registerCaseJobs } from './cases/jobs.js';
import { registerConcerns } from './concerns/index.js';
import { registerConcernJobs } from './concerns/jobs.js';
import { registerDebrief } from './debrief/index.js';
import { registerDigest } from './digest/index.js';
import { registerDigestJobs } from './digest/jobs.js';
import { registerDutyPages } from './duty/calendar.js';
import { registerDuty } from './duty/index.js';
import { registerDutyJobs } from './duty/jobs.js';
import { registerEscalationPages } from './escalation/ack-link-page.js';
import { registerEscalation } from './escalation/index.js';
import { registerEscalationJobs } from './escalation/jobs.js';
import type { Feature } from './feature.js';
import { registerGovernanceJobs } from './governance/jobs.js';
import { help } from './help/index.js';
import { registerHome } from './home/index.js';
import { registerContactJobs } from './members/contact-verify.js';
import { registerMembers } from './members/index.js';
import { registerMentors } from './mentors/index.js';
import { registerMentorJobs } from './mentors/jobs.js';
import { registerAftercareJobs } from './referrals/aftercare.js';
import { registerReferrals } from './referrals/index.js';
import { registerReports } from './reports/index.js';
import { registerReportPages } from './reports/pages.js';
import { registerSessions } from './sessions/index.js';
import { registerSessionJobs } from './sessions/jobs.js';
import { registerSupervision } from './supervision/index.js';
import { registerSupervisionJobs } from './supervision/jobs.js';
import { registerWelfare } from './welfare/index.js';
import { registerWelfareJobs } from './welfare/jobs.js';

/** TRANSITION: a feature not yet declared as a value, registered the old way. */
const legacy = (
  name: string,
  parts: { router?: (router: Router) => void; jobs?: (jobs: JobRegistry) => void; pages?: (web: WebRouter) => void },
): Feature => ({
  name,
  legacyRouter: parts.router,
  legacyJobs: parts.jobs,
  pages: parts.pages,
});

export const features: readonly Feature[] = [
  help,
  legacy('home', { router: registerHome }),
  legacy('debrief', { router: registerDebrief }),
  legacy('cases', { router: registerCases, jobs: registerCaseJobs }),
  legacy('sessions', { router: registerSessions, jobs: registerSessionJobs }),
  legacy('escalation', { router: registerEscalation, jobs: registerEscalationJobs, pages: registerEscalationPages }),
  legacy('concerns', { router: registerConcerns, jobs: registerConcernJobs }),
  legacy('duty', { router: registerDuty, jobs: registerDutyJobs, pages: registerDutyPages }),
  legacy('members', { router: registerMembers, jobs: registerContactJobs }),
  legacy('mentors', { router: registerMentors, jobs: registerMentorJobs }),
  legacy('supervision', { router: registerSupervision, jobs: registerSupervisionJobs }),
  legacy('welfare', { router: registerWelfare, jobs: registerWelfareJobs }),
  legacy('digest', { router: registerDigest, jobs: registerDigestJobs }),
  legacy('referrals', { router: registerReferrals, jobs: registerAftercareJobs }),
  legacy('reports', { router: registerReports, pages: registerReportPages }),
  legacy('governance', { jobs: registerGovernanceJobs }),
];
