// What other features may use of welfare: everything else in this folder is its own.
export { pausedMembers } from './paused.js';
export { scheduleCheckin } from './checkin.js';
export { syncSeries } from './schedule.js';
export { checkinsAnsweredIn } from './totals.js';
