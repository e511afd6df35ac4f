// The Web API client: one attempt per call (the outbox owns retries), 429s rejected at once with
// their Retry-After, a bounded wait, and the base URL from SLACK_API_URL for tests and proxies.
import type { Logger as BoltLogger, webApi } from '@slack/bolt';
import type { Config } from '../../config.js';

const TIMEOUT_MS = 10_000;

export function apiUrl(config: Pick<Config, 'SLACK_API_URL'>): string | undefined {
  const url = config.SLACK_API_URL;
  return url && !url.endsWith('/') ? `${url}/` : url;
}

export function clientOptions(config: Pick<Config, 'SLACK_API_URL'>, logger: BoltLogger): webApi.WebClientOptions {
  const slackApiUrl = apiUrl(config);
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: TIMEOUT_MS,
    logger,
  };
}
