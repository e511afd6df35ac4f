// The duty rota, declared: who is on, the rota and its rotations, cover, swaps and their buttons,
// calendar feeds and their pages, handovers, the daily series and what a leaving coordinator holds.
import { idValue } from '../../core/values.js';
import { action, defineFeature } from '../feature.js';
import { registerDutyPages } from './calendar.js';
import {
  calendarCommand,
  confirmHandoverAction,
  coverCommand,
  swapAnswer,
  swapCommand,
  whoCommand,
} from './commands.js';
import { dutySeries } from './handovers.js';
import { rotaHolding } from './holdings.js';
import { dutyJobs } from './jobs.js';
import { ACCEPT_SWAP, CONFIRM_HANDOVER, DECLINE_SWAP } from './messages.js';
import { rotaCommand } from './rota-command.js';

export const duty = defineFeature({
  name: 'duty',
  commands: {
    'duty.who': whoCommand,
    'duty.rota': rotaCommand,
    'duty.cover': coverCommand,
    'duty.swap': swapCommand,
    'duty.calendar': calendarCommand,
  },
  actions: [
    action(ACCEPT_SWAP, 'coordinator', idValue, swapAnswer(true)),
    action(DECLINE_SWAP, 'coordinator', idValue, swapAnswer(false)),
    action(CONFIRM_HANDOVER, 'coordinator', idValue, confirmHandoverAction),
  ],
  holdings: [rotaHolding],
  jobs: dutyJobs,
  series: dutySeries,
  pages: registerDutyPages,
});
