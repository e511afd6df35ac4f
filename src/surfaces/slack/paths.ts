// The bot's HTTP paths for Slack.
/** Where Slack posts slash commands, interactivity and events on the bot's HTTP server. */
export const EVENTS_PATH = '/slack/events';
