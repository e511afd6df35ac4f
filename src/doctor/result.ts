// One line per check: what was checked, and when it failed, what to fix. Lines never carry a
// token, a secret or a URL's user:password, so they can be logged and shown to anyone running it.
export type CheckStatus = 'ok' | 'fail' | 'skip';

export interface CheckResult {
  /** A stable name: `slack.scopes`, `discord.channel.learning`, `smtp`. */
  check: string;
  status: CheckStatus;
  line: string;
}

export const passed = (check: string, line: string): CheckResult => ({ check, status: 'ok', line });
export const failed = (check: string, line: string): CheckResult => ({ check, status: 'fail', line });
export const skipped = (check: string, line: string): CheckResult => ({ check, status: 'skip', line });

const MARK: Record<CheckStatus, string> = { ok: '✓', fail: '✗', skip: '-' };

export const formatResult = (result: CheckResult): string => `${MARK[result.status]} ${result.line}`;

export const allPassed = (results: readonly CheckResult[]): boolean => results.every((r) => r.status !== 'fail');

/** A URL as it may be shown: no user:password, no query (it may hold a key). */
export function shownUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** Why a request did not get an answer, as a code: ECONNREFUSED, ENOTFOUND, timeout. */
export function networkProblem(error: unknown): string {
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  return e.cause?.code ?? e.code ?? e.name ?? 'error';
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One HTTP request with a deadline; the body is read as JSON when it is JSON. */
export async function request(url: string, init: RequestInit, timeoutMs: number): Promise<Answer> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  return { status: res.status, headers: res.headers, body };
}
