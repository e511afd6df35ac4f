import type { CommandDecl } from '../../core/catalogue.js';
import type { Message } from '../../core/message.js';

export function helpMessage(networkName: string, commands: CommandDecl[]): Message {
  return {
    title: `${networkName}: how the bot can help`,
    text: [
      'This bot looks after mentors: debriefs after sessions, welfare check-ins, peer supervision and urgent help from the duty coordinator.',
      'If anyone’s life is in immediate danger, call the emergency services (999) first.',
    ].join('\n'),
    fields: commands.map((c) => ({
      label: `/${c.name}${c.subcommands ? ` [${c.subcommands.map((s) => s.name).join('|')}]` : ''}`,
      value: c.description,
    })),
  };
}
