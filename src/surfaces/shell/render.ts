// How the terminal shows a message (marks, fields, numbered buttons) and asks a form's question.
import { describeAccepted, type Field, type RawValue } from '../../core/form.js';
import type { Message } from '../../core/message.js';

const marks = { info: '', success: '✓ ', warning: '! ', urgent: '!! ' } as const;

/** A message as terminal lines; buttons are numbered from `firstButton + 1`. */
export function renderMessage(message: Message, firstButton: number): string {
  const lines: string[] = [];
  if (message.title) lines.push(`${marks[message.tone ?? 'info']}${message.title}`);
  lines.push(message.title ? message.text : `${marks[message.tone ?? 'info']}${message.text}`);
  for (const { label, value } of message.fields ?? []) lines.push(`  ${label}  ${value}`);
  for (const [i, button] of (message.buttons ?? []).entries()) lines.push(`  [${firstButton + i + 1}] ${button.label}`);
  return lines.join('\n');
}

export function askField(field: Field, previous: RawValue): string {
  const lines = [`? ${field.label}${field.required ? '' : ' (optional: press Enter to skip)'}`];
  if (field.hint) lines.push(`  ${field.hint}`);
  for (const [i, option] of (field.options ?? []).entries()) lines.push(`  ${i + 1}. ${option.label}`);
  lines.push(`  Answer with ${describeAccepted(field)}.`);
  if (typeof previous === 'string' && previous !== '')
    lines.push(`  (Earlier answer: ${field.public ? previous : 'kept private'})`);
  return lines.join('\n');
}
