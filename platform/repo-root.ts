import fs from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The repository root, whether running from source (jest) or from the compiled `dist/`. */
export function repoRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  root = dir;
  return root;
}
