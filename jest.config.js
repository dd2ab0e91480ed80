/** Unit tests sit beside the code; e2e tests under test/ run against real PostgreSQL and Redis. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

/**
 * NestJS 12 and some of its dependencies ship ES modules only. Node runs them through
 * require(esm), but Jest's module loader cannot before Node 24.9, so these packages are compiled
 * to CommonJS for the tests. The list is read from node_modules so upgrades need no edit here.
 */
function esmOnlyPackages() {
  const root = join(__dirname, 'node_modules');
  const names = readdirSync(root).flatMap((entry) =>
    entry.startsWith('@') ? readdirSync(join(root, entry)).map((sub) => `${entry}/${sub}`) : [entry],
  );
  return names.filter((name) => {
    const manifest = join(root, name, 'package.json');
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
  });
}

/**
 * CommonJS packages that load one of those ES modules with a dynamic import(), which Jest's loader
 * cannot run without --experimental-vm-modules: compiled too, so import() becomes require().
 */
const dynamicImportersOfEsm = ['@fastify/cookie'];

const escapeRegExp = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const transformIgnorePatterns = [
  `/node_modules/(?!(${[...esmOnlyPackages(), ...dynamicImportersOfEsm].map(escapeRegExp).join('|')})/)`,
];
const swcJs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

const moduleNameMapper = {
  '^@pendamping/core$': '<rootDir>/libs/core/src',
  '^@pendamping/core/(.*)$': '<rootDir>/libs/core/src/$1',
  '^@pendamping/auth$': '<rootDir>/libs/auth/src',
  '^@pendamping/auth/(.*)$': '<rootDir>/libs/auth/src/$1',
  '^@pendamping/cases$': '<rootDir>/libs/cases/src',
  '^@pendamping/cases/(.*)$': '<rootDir>/libs/cases/src/$1',
  '^@pendamping/migrations$': '<rootDir>/migrations',
  '^@pendamping/migrations/(.*)$': '<rootDir>/migrations/$1',
  '^@pendamping/api/(.*)$': '<rootDir>/apps/api/src/$1',
  '^@pendamping/worker/(.*)$': '<rootDir>/apps/worker/src/$1',
};

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swcJs },
  transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  testTimeout: 60_000,
  /**
   * Every unit and e2e suite has its own database and Redis key prefix, and the ports of its own
   * processes come from a slice of its worker's (test/support/free-port.ts), so they run on every
   * core; Jest's default, one core fewer, is a single worker (run in band) on two cores.
   */
  maxWorkers: '100%',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      runner: '<rootDir>/test/browser/serial-runner.js',
      globalSetup: '<rootDir>/test/browser/global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/global-teardown.ts',
    },
  ],
};
