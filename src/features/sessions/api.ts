// What other features may use of sessions: everything else in this folder is its own.
export { OPEN_DEBRIEF_ACTION } from './forms.js';
export { sessionForDebrief } from './service.js';
export { sessionTimeline } from './timeline.js';
