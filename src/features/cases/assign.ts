// Assigning a member to a case from a command or a suggestion: the mentor checks, the assignment, and who is told.
import type { Reply } from '../../core/message.js';
import type { HandlerContext, Response } from '../../core/router.js';
import { guardAssignment, recordMatchChoice } from '../mentors/api.js';
import { assignCase, type CaseRoleName } from './service.js';

const toActor = (text: string, tone: 'info' | 'success' | 'warning' = 'success'): Reply => ({
  to: 'actor',
  message: { text, tone },
});

/**
 * Assigns after the mentor checks (a lapsed check, missing mandatory training or a declared conflict
 * refuses unless overridden with a reason) and records the choice against the case's suggestions.
 */
export async function assignAndTell(
  ctx: HandlerContext,
  input: { code: string; member: string; role: CaseRoleName; override?: string },
): Promise<Response> {
  const { overridden } = await guardAssignment(ctx, input.code, input.member, input.override);
  const result = await assignCase(ctx, input.code, input.member, input.role);
  await recordMatchChoice(ctx, result.code, result.member.id);
  const replies: Reply[] = [
    toActor(
      `${result.member.displayName} is now the ${result.roleWord} for ${result.code}.${overridden.length ? ` Overridden, with your reason recorded: ${overridden.join('; ')}.` : ''}`,
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
