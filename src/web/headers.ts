// Headers on every web response: no script at all, styles and images from this origin only, forms
// post only here, never framed, no Referer (a personal link in a URL never leaks onwards), no
// sniffing. Pages are personal by default, so nothing is stored by browsers or proxies.
export interface CspExtra {
  /** Extra sources for img-src, e.g. 'data:' for a chart exported as an image. */
  img?: string[];
}

export function securityHeaders(
  options: { cache?: 'no-store' | 'static'; csp?: CspExtra } = {},
): Record<string, string> {
  const csp = [
    "default-src 'none'",
    "script-src 'none'",
    "style-src 'self'",
    `img-src 'self'${options.csp?.img?.length ? ` ${options.csp.img.join(' ')}` : ''}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    'cache-control': options.cache === 'static' ? 'public, max-age=3600' : 'no-store',
    ...(options.cache === 'static' ? {} : { pragma: 'no-cache' }),
  };
}
