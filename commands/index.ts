// The command catalogue. Slack's manifest and Discord's registration are generated from it.
import type { CommandDecl } from '../src/core/catalogue.js';
import away from './away.js';
import caseCommand from './case.js';
import checkin from './checkin.js';
import concern from './concern.js';
import debrief from './debrief.js';
import debriefs from './debriefs.js';
import digest from './digest.js';
import duty from './duty.js';
import escalate from './escalate.js';
import escalation from './escalation.js';
import help from './help.js';
import home from './home.js';
import link from './link.js';
import mentor from './mentor.js';
import network from './network.js';
import profile from './profile.js';
import referral from './referral.js';
import report from './report.js';
import session from './session.js';
import share from './share.js';
import supervision from './supervision.js';

export const catalogue: CommandDecl[] = [
  help,
  debrief,
  debriefs,
  caseCommand,
  session,
  profile,
  link,
  away,
  network,
  supervision,
  checkin,
  concern,
  escalate,
  escalation,
  duty,
  share,
  digest,
  home,
  mentor,
  referral,
  report,
];
