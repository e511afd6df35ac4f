// What other features may use of escalation: everything else in this folder is its own.
export { postWebhook, sendMail } from './out-of-chat.js';
export { categoryLabel, escalateForm } from './forms.js';
export { durationText } from './policy.js';
export { raise, raiseEscalation } from './service.js';
export { escalationTimeline } from './timeline.js';
