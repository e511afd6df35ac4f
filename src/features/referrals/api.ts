// What other features may use of referrals: everything else in this folder is its own.
export { decisions, declineReasons, endingReasons, reinvolvementAnswers, sourcesInReport } from './policy.js';
export { recordClosureAftercare } from './aftercare.js';
export { referralForOpenedCase } from './intake.js';
