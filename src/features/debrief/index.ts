// Debriefs: after a session a mentor records how it went (structured answers, sealed free text),
// sees their own history, and can escalate from one; recent ones show on their home view.
import { idValue } from '../../core/values.js';
import { action, defineFeature, form } from '../feature.js';
import { OPEN_DEBRIEF_ACTION } from '../sessions/api.js';
import { debriefForm, ESCALATE_FROM_DEBRIEF } from './forms.js';
import { openDebriefForSession } from './open.js';
import { escalateFromDebrief, ownDebriefs, recentDebriefs } from './own.js';
import { recordDebrief } from './record.js';

export const debrief = defineFeature({
  name: 'debrief',
  commands: {
    'debrief.open': { opens: { form: debriefForm } },
    'debriefs.list': (ctx) => ownDebriefs(ctx),
  },
  forms: [form(debriefForm, (ctx, values, context) => recordDebrief(ctx, { values, sessionId: context.sessionId }))],
  actions: [
    // The prompt after a session opens the same form, prefilled with its case and date.
    action(OPEN_DEBRIEF_ACTION, 'mentor', idValue, (ctx, sessionId) => openDebriefForSession(ctx, { sessionId })),
    action(ESCALATE_FROM_DEBRIEF, 'mentor', idValue, (ctx, debriefId) => escalateFromDebrief(ctx, { debriefId })),
  ],
  home: [{ precondition: 'mentor', build: (ctx) => recentDebriefs(ctx) }],
});
