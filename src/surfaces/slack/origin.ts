// Where a Slack request comes from, read from its raw body before anything acts on it: every
// workspace id it names (the request's team, the user's team, the view's team, an event's teams)
// and, for events, whether a bot sent it. A request signed with our secret can still come from
// another workspace (the app installed elsewhere) or from a Slack Connect user of another
// organisation in a shared channel; the listeners admit only our own workspace.
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const id = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export interface Origin {
  /** Every workspace id the request names (deduplicated); empty when it names none. */
  teamIds: string[];
  /** Set when an event was sent by a bot (its bot_id or bot_profile). */
  botId?: string;
}

export function requestOrigin(body: unknown): Origin {
  const b = record(body);
  const user = record(b.user);
  const view = record(b.view);
  const event = record(b.event);
  const teams = [
    b.team_id, // slash commands and events
    record(b.team).id, // interactions
    b.user_team, // a slash command from a shared channel
    user.team_id,
    view.team_id,
    view.app_installed_team_id,
    event.team,
    event.user_team,
    event.source_team,
    record(event.user).team_id,
  ];
  const botId = id(event.bot_id) ?? id(record(event.bot_profile).id) ?? id(record(event.bot_profile).bot_id);
  return {
    teamIds: [...new Set(teams.map(id).filter((t): t is string => t !== undefined))],
    ...(botId ? { botId } : {}),
  };
}
