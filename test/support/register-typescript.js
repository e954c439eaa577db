/**
 * Lets a child Node.js process run the TypeScript sources directly (`node -r ./test/support/register-typescript.js
 * scripts/generate.ts`), compiled by swc with the repository's .swcrc as jest compiles them. Tests run commands this
 * way because MikroORM cannot start inside jest's sandbox.
 */
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { filename, swcrc: true, sourceMaps: 'inline' });
  module._compile(code, filename);
};
