// What other features may use of digest: everything else in this folder is its own.
export { cautious, describe, secondarySuppression, shownCount, type Shown } from './suppression.js';
export { SHARE_FROM_DEBRIEF } from './forms.js';
export { changeDigestThresholds, namesThresholds } from './thresholds.js';
