import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/repo-root';

/**
 * Bundles the explorer and the dashboard (explorer/, queries/) with Vite into dist/web, part of `npm run build`.
 * A build takes ~15 s on two cores, so it is skipped while the sources and the installed packages are unchanged
 * (a fingerprint of them is kept next to the output).
 */
const SOURCES = ['explorer', 'queries'];
const STAMP = '.sources-fingerprint';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

export function webSourcesFingerprint(root: string = repoRoot()): string {
  const hash = createHash('sha256');
  const files = [...SOURCES.flatMap((folder) => filesUnder(path.join(root, folder))), path.join(root, 'package-lock.json')].sort();
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds dist/web unless it is up to date; returns whether it built. */
export async function buildWeb(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  const root = repoRoot();
  const outDir = path.join(root, 'dist', 'web');
  const fingerprint = webSourcesFingerprint(root);
  const stampFile = path.join(outDir, STAMP);
  if (!options.force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === fingerprint) return false;
  const started = Date.now();
  // Vite is an ES module; this file compiles to CommonJS, where import() stays a real dynamic import.
  const vite = await import('vite');
  await vite.build({ configFile: path.join(root, 'explorer', 'vite.config.mts'), logLevel: 'error' });
  fs.writeFileSync(stampFile, fingerprint);
  options.log?.(`Explorer and dashboard bundled into ${path.relative(root, outDir)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

if (require.main === module) {
  buildWeb({ force: process.argv.includes('--force'), log: (line) => console.log(line) }).catch((error: Error) => {
    console.error(`The explorer could not be bundled: ${error.message}`);
    process.exit(1);
  });
}
