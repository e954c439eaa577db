#!/usr/bin/env node
// `npx nongsan ...`: runs the compiled CLI, compiling first when the sources are newer than the build.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const compiled = path.join(root, 'dist', 'scripts', 'cli.js');
const SOURCE_FOLDERS = ['platform', 'gateway', 'subgraphs', 'scripts', 'demo'];

function newestSource(folder) {
  let newest = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const builtAt = fs.existsSync(compiled) ? fs.statSync(compiled).mtimeMs : 0;
if (SOURCE_FOLDERS.some((folder) => newestSource(path.join(root, folder)) > builtAt)) {
  process.stderr.write('Compiling Nông sản Graph (first run or sources changed)...\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  // tsc leaves an unchanged file's output untouched: mark the build as current.
  const now = new Date();
  fs.utimesSync(compiled, now, now);
}

process.env.APOLLO_TELEMETRY_DISABLED = '1';
require(compiled)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
