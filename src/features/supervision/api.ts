// What other features may use of supervision: everything else in this folder is its own.
export { requestsAnsweredIn } from './answered.js';
export { CONFIRM_SUPERVISION, confirmHappened, runCadence } from './cadence.js';
export { coverageMessage, supervisionCoverage } from './coverage.js';
export { supervisionRequestForm } from './forms.js';
export { requestSupervision } from './request.js';
