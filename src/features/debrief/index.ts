import type { Router } from '../../core/router.js';
import { debriefForm, debriefSaved } from './forms.js';
import { recordDebrief } from './service.js';

export function registerDebrief(router: Router): void {
  router.command('debrief.open', async () => ({ form: { form: debriefForm } }));
  router.form(debriefForm, async (ctx, values) => {
    await recordDebrief(ctx, values);
    return { replies: debriefSaved(values).map((message) => ({ to: 'actor' as const, message })) };
  });
}
