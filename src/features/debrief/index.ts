import type { Router } from '../../core/router.js';
import { idValue } from '../../core/values.js';
import { escalateForm } from '../escalation/api.js';
import { OPEN_DEBRIEF_ACTION } from '../sessions/api.js';
import { sessionForDebrief } from '../sessions/api.js';
import {
  debriefForm,
  debriefSaved,
  ESCALATE_FROM_DEBRIEF,
  ownDebriefsMessage,
  recentDebriefsSection,
} from './forms.js';
import { ownDebrief, ownDebriefs, recentDebriefs, recordDebrief } from './service.js';

export function registerDebrief(router: Router): void {
  router.opens('debrief.open', { form: debriefForm });
  // The prompt after a session opens the same form, prefilled with its case and date.
  router.action(
    OPEN_DEBRIEF_ACTION,
    'mentor',
    async (ctx, sessionId) => {
      const session = await sessionForDebrief(ctx.tx, sessionId, ctx.actor.memberId, ctx.actor.timeZone);
      if (!session) return { form: { form: debriefForm } };
      const initial: Record<string, string> = {
        caseCode: session.caseCode,
        sessionDate: session.sessionDate,
        paired: session.paired ? 'yes' : 'no',
      };
      if (session.lengthMinutes) initial.lengthMinutes = session.lengthMinutes;
      return { form: { form: debriefForm, initial, context: { sessionId: session.sessionId } } };
    },
    idValue,
  );
  router.form(debriefForm, async (ctx, values, context) => {
    const recorded = await recordDebrief(ctx, values, context);
    return {
      replies: [
        ...debriefSaved(values, {
          debriefId: recorded.id,
          linked: recorded.linked,
          welfare: recorded.welfare,
          supervision: recorded.supervision,
          concern: recorded.concern,
        }).map((message) => ({ to: 'actor' as const, message })),
        ...recorded.replies,
      ],
    };
  });
  router.action(
    ESCALATE_FROM_DEBRIEF,
    'mentor',
    async (ctx, debriefId) => {
      const debrief = await ownDebrief(ctx, debriefId);
      return {
        form: { form: escalateForm, initial: { caseCode: debrief.caseCode }, context: { debriefId: debrief.id } },
      };
    },
    idValue,
  );
  router.command('debriefs.list', async (ctx) => ({
    replies: [{ to: 'actor', message: ownDebriefsMessage(await ownDebriefs(ctx)) }],
  }));
  router.homeSection('mentor', async ({ deps, actor }) =>
    recentDebriefsSection(await recentDebriefs(deps, actor.memberId)),
  );
}
