// What other features may use of members: everything else in this folder is its own.
export { specialismChoices } from './policy.js';
export { openAddress, routeConfigured, unreachableWarning, verifiedMethodsOf } from './contact.js';
export { displayNames } from './names.js';
export { findMember } from './service.js';
