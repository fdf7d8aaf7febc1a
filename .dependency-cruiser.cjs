/**
 * The architecture: who may import whom. `npm run lint` checks every import against these rules
 * (imports of types count too); docs/architecture.md explains them and draws the graph.
 */
const TESTS = '[.]test[.]ts$|/testing/'; // tests and their helpers beside the code
const DOMAIN = '^(subgraphs/[^/]+/src/.*\\bdomain)/'; // a domain folder, as $1
const PACKAGE = '^(kernel|contracts|client|platform|gateway|subgraphs/[^/]+|dev/[^/]+)/'; // a workspace package, as $1

module.exports = {
  forbidden: [
    {
      name: 'kernel-stands-alone',
      comment: 'The kernel is pure and side-effect free: it imports Node built-ins and itself, nothing else.',
      severity: 'error',
      from: { path: '^kernel/', pathNot: TESTS },
      to: { pathNot: '^kernel/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'contracts-stand-alone',
      comment:
        'The contracts between services are types and names: they import nothing of ours but the kernel.',
      severity: 'error',
      from: { path: '^contracts/', pathNot: TESTS },
      to: { pathNot: '^(contracts|kernel)/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'client-stands-alone',
      comment:
        "The typed client operations are generated from the graph's schema for frontends: they import nothing of ours.",
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(kernel|contracts|platform|gateway|subgraphs|dev|scripts|test|bench)/' },
    },
    {
      name: 'platform-knows-no-service',
      comment: 'Platform is shared machinery: it builds on the kernel and knows no service.',
      severity: 'error',
      from: { path: '^platform/' },
      to: { path: '^(gateway|subgraphs)/' },
    },
    {
      name: 'domain-on-kernel-only',
      comment: 'Domain code is pure: its own domain folder and the kernel, no framework, no platform.',
      severity: 'error',
      from: { path: DOMAIN, pathNot: TESTS },
      to: { pathNot: '^($1/|kernel/src/(?!testing/))' },
    },
    {
      name: 'subgraphs-apart',
      comment: 'A subgraph never imports another subgraph or the gateway: they meet only in the graph.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: '^(gateway|subgraphs/(?!$1/))' },
    },
    {
      name: 'gateway-knows-no-subgraph',
      comment: 'The gateway knows subgraphs only through the supergraph SDL, never through their code.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^subgraphs/' },
    },
    {
      name: 'production-never-imports-dev',
      comment:
        'What ships never imports dev/ companions, scripts, tests or benchmarks, and neither do the unit tests beside it: what they share is a testing entry of a package.',
      severity: 'error',
      from: { path: '^(kernel|contracts|client|platform|gateway|subgraphs)/' },
      to: { path: '^(dev|scripts|test|bench)/' },
    },
    {
      name: 'packages-through-their-entry-points',
      comment:
        'Outside code (another package, test/, bench/) imports a package by name, never by a path into it.',
      severity: 'error',
      from: { path: `${PACKAGE}|^(test|bench)/` },
      to: { path: PACKAGE, pathNot: '^$1/', dependencyTypesNot: ['aliased-workspace'] },
    },
    {
      name: 'production-entries-reach-no-test-code',
      comment:
        "What a service's production entry loads is what the image ships: test hooks, testing helpers and tests stay out of its reach (tsconfig.build.json leaves them out, and the build checks).",
      severity: 'error',
      from: { path: '^(subgraphs/[^/]+|gateway)/src/main[.]ts$' },
      to: { path: '(^|/)(testing|testHooks)([/.])|[.]test[.]ts$', reachable: true },
    },
    {
      name: 'no-circular',
      comment: 'No import loops: every module stands on what it imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The production build's output (npm run build) is compiled from the sources checked here.
    exclude: { path: '(^|/)(dist|build)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
