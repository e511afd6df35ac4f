// What other features may use of members: everything else in this folder is its own.
export { verifiedMethod } from './contact-method.js';
export { displayNames } from './names.js';
export { specialismChoices } from './policy.js';
export { auditMember, auditSettings, byActor } from './audit.js';
export { openAddress, routeConfigured, unreachableWarning, verifiedMethodsOf } from './contact.js';
export { findMember } from './roster.js';
