// What other features may use of cases: everything else in this folder is its own.
export {
  caseCodeRegex,
  labelOf,
  normaliseCaseCode,
  outcomes,
  positiveSteps,
  programmes,
  riskFactors,
  riskLevels,
} from './policy.js';
export type { TimelineEntry, TimelineViewer } from './timeline-entry.js';
export { assignAndTell } from './assign.js';
export { caseOpenForm } from './forms.js';
export { activeCaseMembers, visibleCase } from './service.js';
export { caseChronology } from './timeline.js';
