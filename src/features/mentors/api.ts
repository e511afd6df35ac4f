// What other features may use of mentors: everything else in this folder is its own.
export { coachedMentors, coachingOf, type Coaching } from './coaches.js';
export { recordTravel } from './hours.js';
export { guardAssignment, recordMatchChoice, suggestMentors } from './matching.js';
export { mentorRecordMessage, suggestionsMessage } from './messages.js';
export { parseMoney } from './policy.js';
export { mentorView } from './record.js';
export { changeMentorCare, namesMentorCare } from './settings.js';
export { planTrimSupport } from './trim.js';
