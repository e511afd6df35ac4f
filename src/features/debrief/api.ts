// What other features may use of debrief: everything else in this folder is its own.
export { wroteDebrief } from './authorship.js';
export { hasDebriefed, lastDebriefOn, lastOwnDebrief } from './reads.js';
export { debriefBinding } from './sealed.js';
export { statedTimes } from './stated-time.js';
export { debriefCaseCodes, debriefsWrittenIn } from './written.js';
export { caseCodePattern, engagementChoices } from './policy.js';
export { debriefTimeline, flaggedDebriefNotes, sessionsNotAttended } from './timeline.js';
