#!/usr/bin/env node
// `npm run build`, which every npm script runs first: compiles only when a source is newer than the last build
// (a walk of file dates takes milliseconds; tsc takes 15-50 s on two cores), and then incrementally (tsc's
// .tsbuildinfo). `node bin/build.js --force` compiles regardless.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const config = path.join(root, 'tsconfig.build.json');
const stamp = path.join(root, 'dist', '.build-stamp');
const SOURCES = ['platform', 'gateway', 'subgraphs', 'scripts', 'demo', 'bench'];
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (/\.(ts|json)$/.test(entry.name)) latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const changed = Math.max(...SOURCES.map((dir) => newest(path.join(root, dir))), ...INPUTS.map((file) => fs.statSync(path.join(root, file)).mtimeMs));
if (process.argv.includes('--force') || changed > built) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', config], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
  if (process.stderr.isTTY) process.stderr.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
