// Assigning a member to a case, from a command or a suggestion: the mentor checks, the assignment
// (one mentor and at most one co-mentor at a time), and who is told. Without a member, suggestions.
import { randomUUID } from 'node:crypto';
import { type Reply, say } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import { findMember } from '../members/api.js';
import { guardAssignment, recordMatchChoice, suggestMentors, suggestionsMessage } from '../mentors/api.js';
import type { CaseRoleName } from './assignments.js';
import { auditCase, caseForCoordinator } from './lookup.js';

interface AssignInput {
  code: string;
  member: string;
  role: CaseRoleName;
  override?: string;
}

async function assignCase(ctx: ActorContext, input: AssignInput) {
  const { role } = input;
  const found = await caseForCoordinator(ctx, input.code);
  if (found.status === 'closed')
    throw new Refusal(`${found.code} is closed; open a new case if the work starts again.`, 'closed');
  const member = await findMember(ctx, input.member);
  if (!member.roles.includes('mentor'))
    throw new Refusal(`${member.displayName} is not a mentor. A coordinator can grant the role with /network role.`);
  const active = await ctx.tx.caseAssignment.findMany({ where: { caseId: found.id, endedAt: null } });
  if (active.some((a) => a.memberId === member.id && a.role === role))
    throw new Refusal(
      `${member.displayName} is already the ${role === 'mentor' ? 'mentor' : 'co-mentor'} for ${found.code}.`,
    );
  // One mentor and at most one co-mentor at a time: the new one replaces whoever held the role.
  const replaced = active.filter((a) => a.role === role || a.memberId === member.id);
  if (replaced.length)
    await ctx.tx.caseAssignment.updateMany({
      where: { id: { in: replaced.map((a) => a.id) } },
      data: { endedAt: ctx.now },
    });
  await ctx.tx.caseAssignment.create({
    data: { id: randomUUID(), caseId: found.id, memberId: member.id, role, assignedAt: ctx.now },
  });
  await auditCase(ctx, found.id, 'case.assigned', { memberId: member.id, role });
  const roleWord = role === 'mentor' ? 'mentor' : 'co-mentor';
  return {
    code: found.code,
    member,
    replacedIds: replaced.map((a) => a.memberId).filter((id) => id !== member.id),
    roleWord,
  };
}

/**
 * Assigns after the mentor checks (a lapsed check, missing mandatory training or a declared conflict
 * refuses unless overridden with a reason) and records the choice against the case's suggestions.
 */
export async function assignAndTell(ctx: ActorContext, input: AssignInput): Promise<Response> {
  const { overridden } = await guardAssignment(ctx, input.code, input.member, input.override);
  const result = await assignCase(ctx, input);
  await recordMatchChoice(ctx, result.code, result.member.id);
  const replies: Reply[] = [
    say(
      `${result.member.displayName} is now the ${result.roleWord} for ${result.code}.${overridden.length ? ` Overridden, with your reason recorded: ${overridden.join('; ')}.` : ''}`,
      { tone: 'success' },
    ),
    {
      to: 'member',
      memberId: result.member.id,
      message: {
        title: `New case: ${result.code}`,
        text: `You are now the ${result.roleWord} for ${result.code}. /case list ${result.code} shows its baseline. Plan sessions with /session plan; after each one, /debrief. Thank you for taking this on.`,
        tone: 'info',
      },
    },
  ];
  for (const memberId of result.replacedIds) {
    replies.push({
      to: 'member',
      memberId,
      message: {
        text: `You are no longer assigned to ${result.code}; a coordinator has handed it on. Thank you for your work with them.`,
        tone: 'info',
      },
    });
  }
  return { replies };
}

/** `/case assign`: with a member, assigns them; without, suggests mentors for the case. */
export async function assignOrSuggest(
  ctx: ActorContext,
  input: Omit<AssignInput, 'member'> & { member?: string },
): Promise<Response> {
  if (input.member === undefined) {
    const found = await suggestMentors(ctx, input.code);
    return {
      replies: [{ to: 'actor', message: suggestionsMessage(found.code, found.suggestionId, found.suggestions) }],
    };
  }
  return assignAndTell(ctx, { ...input, member: input.member });
}
