// What other features may use of cases: everything else in this folder is its own.
export { caseOpenForm } from './forms.js';
export { assignAndTell } from './index.js';
export { caseCodeRegex, labelOf, normaliseCaseCode, outcomes, positiveSteps, programmes, riskFactors, riskLevels } from './policy.js';
export { activeCaseMembers, visibleCase } from './service.js';
export { caseChronology } from './timeline.js';
export type { TimelineEntry, TimelineViewer } from './timeline-entry.js';
