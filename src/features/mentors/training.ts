// Training completed, from the network's list of modules (/network settings); mandatory modules
// missing or lapsed block new assignments.
import { randomUUID } from 'node:crypto';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { auditMember } from '../members/api.js';
import type { MentorTrainingValues } from './forms.js';
import { asDbDate, datesProblem } from './policy.js';
import { expiryAndRecorder, mentorById } from './record.js';

export async function addTraining(ctx: ActorContext, memberId: string, values: MentorTrainingValues) {
  const member = await mentorById(ctx, memberId);
  const { mentorCare } = await readSettings(ctx.tx, ctx.deps);
  const module = values.module
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (!mentorCare.trainingModules.some((m) => m.name === module)) {
    const known = mentorCare.trainingModules.map((m) => m.name).join(', ') || 'none yet';
    throw new Refusal(
      `Module: "${values.module.slice(0, 40)}" is not one of the network’s training modules (${known}). Nothing was saved; the list is in /network settings.`,
    );
  }
  const problem = datesProblem(values.completedOn, values.expiresOn, 'completion');
  if (problem) throw new Refusal(`${problem.message} Nothing was saved; please record the training again.`);
  const id = randomUUID();
  await ctx.tx.mentorTraining.create({
    data: {
      id,
      memberId: member.id,
      module,
      completedOn: asDbDate(values.completedOn),
      ...expiryAndRecorder(ctx, values.expiresOn),
    },
  });
  await auditMember(ctx, member.id, 'mentor.training_recorded', {
    trainingId: id,
    module,
    expiresOn: values.expiresOn ?? null,
  });
  return { name: member.displayName, module };
}
