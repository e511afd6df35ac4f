// What other features may use of welfare: everything else in this folder is its own.
export { scheduleCheckin, syncSeries } from './service.js';
