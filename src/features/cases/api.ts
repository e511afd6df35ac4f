// What other features may use of cases: everything else in this folder is its own.
export { activeCaseMembers, caseTeam, isAssigned, type CaseRoleName } from './assignments.js';
export { assignedCaseIds } from './assignments.js';
export { allCaseCodes } from './codes.js';
export { assignAndTell } from './assign.js';
export { caseCodeOf, caseFacts, lastMentorOf, openCaseCounts, type CaseFacts } from './case-facts.js';
export { caseOpenForm } from './forms.js';
export { auditCase, caseIdOf, visibleCase } from './lookup.js';
export {
  caseCodeRegex,
  normaliseCaseCode,
  outcomes,
  positiveSteps,
  programmes,
  riskFactors,
  riskLevels,
} from './policy.js';
export { caseChronology } from './timeline.js';
export type { TimelineEntry, TimelineViewer } from './timeline-entry.js';
