import type { Router } from '../../core/router.js';
import { debriefForm, debriefSaved, recentDebriefsSection } from './forms.js';
import { recentDebriefs, recordDebrief } from './service.js';

export function registerDebrief(router: Router): void {
  router.command('debrief.open', async () => ({ form: { form: debriefForm } }));
  router.form(debriefForm, async (ctx, values) => {
    await recordDebrief(ctx, values);
    return { replies: debriefSaved(values).map((message) => ({ to: 'actor' as const, message })) };
  });
  router.homeSection('mentor', async ({ deps, actor }) => recentDebriefsSection(await recentDebriefs(deps, actor.memberId)));
}
