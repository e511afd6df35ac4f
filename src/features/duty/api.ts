// What other features may use of duty: everything else in this folder is its own.
export { coordinatorIds, ensureDutySeries, whoIsOnDuty } from './service.js';
