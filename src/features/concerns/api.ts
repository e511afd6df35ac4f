// What other features may use of concerns: everything else in this folder is its own.
export { concernForEscalation } from './escalation-link.js';
export { agencies, concernCategories } from './policy.js';
export { recordConcern } from './record.js';
export { takeForEscalation } from './take.js';
export { concernTimeline } from './timeline.js';
