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
      name: 'core-independent',
      comment: 'The core knows no feature, no surface and not config.ts: configuration values are passed in.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/features/', '^src/surfaces/', '^src/config\\.ts$'] },
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
