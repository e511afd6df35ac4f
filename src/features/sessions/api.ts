// What other features may use of sessions: everything else in this folder is its own.
export { endedSessionsOf, sessionForDebrief, sessionOf } from './debrief-sessions.js';
export { sessionsEndedIn } from './ended-count.js';
export { tookPart } from './took-part.js';
export { OPEN_DEBRIEF_ACTION } from './forms.js';
export { sessionsPerMember, setTravel, trackedSessionIds, trackedTime } from './participation.js';
export { sessionTimeline } from './timeline.js';
