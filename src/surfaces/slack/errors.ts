// What a failed Web API call means for the outbox: wait and retry (rate-limited), retry later
// (transient) or give up (permanent). Only codes are kept, never Slack's message text.
import { webApi } from '@slack/bolt';
import type { DeliveryResult } from '../../core/surface.js';

type Failure = Exclude<DeliveryResult, { status: 'ok' }>;

/** Slack's own errors that say "try again", as opposed to a problem with this message or target. */
const TRANSIENT_CODES = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_not_ready',
]);

interface SlackFailure {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: unknown };
  name?: string;
}

/** The Slack error code of a failed call (`channel_not_found`, `http_500`, `rate_limited`, `network`). */
export function errorCode(error: unknown): string {
  const e = (error ?? {}) as SlackFailure;
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return 'rate_limited';
    case webApi.ErrorCode.PlatformError:
      return typeof e.data?.error === 'string' ? e.data.error.slice(0, 60) : 'platform_error';
    case webApi.ErrorCode.HTTPError:
      return `http_${e.statusCode ?? 0}`;
    case webApi.ErrorCode.RequestError:
      return 'network';
    default:
      return 'unexpected';
  }
}

export function classifyFailure(error: unknown): Failure {
  const e = (error ?? {}) as SlackFailure;
  const code = errorCode(error);
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { status: 'rate_limited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
    case webApi.ErrorCode.PlatformError:
      if (code === 'ratelimited') return { status: 'rate_limited', retryAfterMs: 1000 };
      return TRANSIENT_CODES.has(code)
        ? { status: 'transient', error: code }
        : { status: 'permanent', error: code, code };
    case webApi.ErrorCode.HTTPError:
      return (e.statusCode ?? 500) >= 500
        ? { status: 'transient', error: code }
        : { status: 'permanent', error: code, code };
    default:
      // Network failures, timeouts, and a 429 without a usable Retry-After: worth another attempt.
      return { status: 'transient', error: code };
  }
}
