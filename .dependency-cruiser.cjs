/** `npm run check:deps` (run by the test suite too) fails on an import cycle in the server or the console. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle (type-only ones too): module initialisation order would decide what is undefined, and layers blur.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'infrastructure-imports-no-domain',
      severity: 'error',
      comment: 'db, events, jobs and http sit below the domains (the auth matrix and type-only imports of schemas aside).',
      from: { path: '^server/(db|events|jobs|http)/' },
      to: { path: '^server/(tickets|customers|units|users|sla|callbacks|ownership|incidents|escalation|reports|mail|realtime)/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
