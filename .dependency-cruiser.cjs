// The architecture's boundaries (docs/ARCHITECTURE.md, "Rules"). Type-only imports count.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'features-not-to-surfaces',
      comment: 'Features say what to tell whom; how it looks on Slack, Discord or the terminal is the surfaces’ business.',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/surfaces/' },
    },
    {
      name: 'core-not-to-features',
      comment: 'The core is the neutral chat model, router and access checks that every feature builds on: it knows no feature.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/features/' },
    },
    {
      name: 'core-not-to-surfaces',
      comment: 'The core speaks to platforms only through the Surface interface (core/surface.ts), never a platform’s code.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/surfaces/' },
    },
    {
      name: 'core-not-to-config',
      comment: 'The core does not read config.ts, not even its types: configuration values are passed in.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/config\\.ts$' },
    },
    {
      name: 'db-not-to-features',
      comment: 'The database layer serves every feature and depends on none.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/features/' },
    },
    {
      name: 'jobs-not-to-surface-implementations',
      comment: 'The job runner and dispatcher deliver through the Surface interface (core/surface.ts), never a platform’s code.',
      severity: 'error',
      from: { path: '^src/jobs/' },
      to: { path: '^src/surfaces/' },
    },
    {
      name: 'surfaces-not-to-feature-internals',
      comment: 'Surfaces reach features only through the router (commands, forms, buttons, home, first-use steps), so a feature can change behind it.',
      severity: 'error',
      from: { path: '^src/surfaces/' },
      to: { path: '^src/features/' },
    },
    {
      name: 'feature-privacy',
      comment: 'A feature uses another feature only through its api.ts, so its tables and modules can change behind it.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/[^/]+/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/api\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
