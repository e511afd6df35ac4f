// What other features may use of debrief: everything else in this folder is its own.
export { caseCodePattern, engagementChoices } from './forms.js';
export { debriefTimeline, flaggedDebriefNotes, sessionsNotAttended } from './timeline.js';
