// The app's features, in the order their home sections and help appear. app.ts installs them on
// one app's router, job registry and web router (install.ts); nothing registers itself on import.
import { cases } from './cases/index.js';
import { concerns } from './concerns/index.js';
import { debrief } from './debrief/index.js';
import { digest } from './digest/index.js';
import { duty } from './duty/index.js';
import { escalation } from './escalation/index.js';
import type { Feature } from './feature.js';
import { governance } from './governance/index.js';
import { help } from './help/index.js';
import { home } from './home/index.js';
import { members } from './members/index.js';
import { mentors } from './mentors/index.js';
import { referrals } from './referrals/index.js';
import { reports } from './reports/index.js';
import { sessions } from './sessions/index.js';
import { supervision } from './supervision/index.js';
import { welfare } from './welfare/index.js';

export const features: readonly Feature[] = [
  help,
  home,
  debrief,
  cases,
  sessions,
  escalation,
  concerns,
  duty,
  members,
  mentors,
  supervision,
  welfare,
  digest,
  referrals,
  reports,
  governance,
];
