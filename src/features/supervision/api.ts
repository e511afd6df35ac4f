// What other features may use of supervision: everything else in this folder is its own.
export { CONFIRM_SUPERVISION, confirmHappened, runCadence } from './cadence.js';
export { coverageMessage, supervisionCoverage } from './coverage.js';
export { requestSupervision } from './service.js';
