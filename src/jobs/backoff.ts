// Exponential backoff with "equal jitter": the wait doubles (by `factor`) per failed attempt up to
// `maxMs`, and a random half of it spreads replicas that failed together apart.
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  factor?: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 10 * 60_000, factor: 2 };

/** The ceiling for the wait after the `attempt`-th failure (1-based). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxMs, policy.baseMs * (policy.factor ?? 2) ** Math.min(exponent, 60));
}

/** Milliseconds to wait after the `attempt`-th failure: within [ceiling / 2, ceiling]. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(attempt, policy);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
