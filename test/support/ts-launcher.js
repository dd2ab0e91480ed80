/**
 * Runs one of the apps from its TypeScript sources in a process of its own, compiled on require
 * by SWC with the options Jest uses, and with the libs' path aliases. The e2e tests use it where
 * they need a real operating-system process (to kill it with SIGKILL):
 *
 *   node test/support/ts-launcher.js apps/worker/src/main.ts
 *   node test/support/ts-launcher.js apps/cli/src/main.ts admin-request approve <id>
 */
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { transformSync } = require('@swc/core');
const { register } = require('tsconfig-paths');

const root = resolve(__dirname, '..', '..');
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};

const { compilerOptions } = JSON.parse(readFileSync(resolve(root, 'tsconfig.json'), 'utf8'));
register({ baseUrl: root, paths: compilerOptions.paths });

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node test/support/ts-launcher.js <entry.ts>\n');
  process.exit(2);
}
// The entry sees the arguments as if it had been started itself (an operator command's own arguments).
process.argv.splice(1, 1);
require(resolve(root, entry));
