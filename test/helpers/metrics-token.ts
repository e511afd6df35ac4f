// The METRICS_TOKEN tests give the bot, and the header that presents it (for /metrics and the
// details of /healthz on the public port).
export const METRICS_TOKEN = 'test-metrics-token-7c1f0a9e4b2d';

export const withMetricsToken = (token = METRICS_TOKEN): RequestInit => ({
  headers: { authorization: `Bearer ${token}` },
});
