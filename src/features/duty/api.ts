// What other features may use of duty: everything else in this folder is its own.
export { ensureDutySeries } from './handovers.js';
export { coordinatorIds, whoIsOnDuty } from './rota.js';
