// What other features may use of referrals: everything else in this folder is its own.
export { recordClosureAftercare } from './aftercare.js';
export { decisions, declineReasons, endingReasons, reinvolvementAnswers, sourcesInReport } from './policy.js';
export { referralForOpenedCase } from './service.js';
