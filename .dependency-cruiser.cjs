// The layer rule (docs/design.md, "Layers"): arrows point down only.
//   cli -> app -> (store, core) -> errors;  ui -> core (and errors)
// Type-only imports count: an upward type is an upward dependency.
// Run with `npm run layers` (in .ci/run); tests/layers.test.ts plants an
// upward import to prove each rule fails.
const layer = (name) => `^src/${name}/`;
const anyOf = (...names) => `^src/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'errors-import-nothing-of-ours',
      comment: 'src/errors is the bottom layer: it imports nothing of ours.',
      severity: 'error',
      from: { path: layer('errors') },
      to: { path: anyOf('core', 'store', 'app', 'ui', 'cli') },
    },
    {
      name: 'core-is-pure',
      comment: 'src/core imports only itself and src/errors.',
      severity: 'error',
      from: { path: layer('core') },
      to: { path: anyOf('store', 'app', 'ui', 'cli') },
    },
    {
      name: 'store-below-app',
      comment: 'src/store imports only src/core and src/errors.',
      severity: 'error',
      from: { path: layer('store') },
      to: { path: anyOf('app', 'ui', 'cli') },
    },
    {
      name: 'app-below-front-ends',
      comment: 'src/app (use cases) is called by front ends; it never imports one.',
      severity: 'error',
      from: { path: layer('app') },
      to: { path: anyOf('ui', 'cli') },
    },
    {
      name: 'ui-draws-core-only',
      comment: 'src/ui reads keys and draws core state; it never touches store, app or cli.',
      severity: 'error',
      from: { path: layer('ui') },
      to: { path: anyOf('store', 'app', 'cli') },
    },
    {
      name: 'no-runtime-cycle',
      comment: 'Modules that load each other (type-only imports aside) have no order to run in and blur which layer owns what.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // ink and conf are ES modules reached through package.json "exports".
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
