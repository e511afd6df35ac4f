// The programme report: `/report` answers with a one-time sign-in link, and the report pages (with
// their downloads) are served on the app's web router.
import { defineFeature } from '../feature.js';
import { registerReportPages } from './pages.js';
import { requestReportLink } from './request-link.js';

const typed = (value: unknown) => (value === undefined ? undefined : String(value));

export const reports = defineFeature({
  name: 'reports',
  commands: {
    'report.link': async (ctx, options) => ({
      replies: [
        { to: 'actor', message: await requestReportLink(ctx, { from: typed(options.from), to: typed(options.to) }) },
      ],
    }),
  },
  pages: registerReportPages,
});
