// What other features may use of escalation: everything else in this folder is its own.
export { incidentFacts, raisedBetween, resolvedSince, type IncidentFacts } from './incidents.js';
export { postWebhook, sendMail } from './out-of-chat.js';
export { escalationsRaisedByTier } from './tier-counts.js';
export { unresolvedEscalations } from './unresolved.js';
export { escalateForm } from './forms.js';
export { categoryLabel } from './messages.js';
export { durationText, type Category as EscalationCategory } from './policy.js';
export { raise, raiseEscalation } from './raise.js';
export { escalationTimeline } from './timeline.js';
