import fs from 'node:fs';
import path from 'node:path';

/*
 * The layout is the architecture: product code (platform, gateway, subgraphs) stands without the demo data set,
 * the gateway knows no subgraph's internals, and every subgraph folder has the same parts.
 */
const ROOT = path.join(__dirname, '..');

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(folder, file));
}

/** Each module a file imports, as a path from the repository root (packages left out). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import|require\()\s*['"](\.[^'"]+)['"]/g)].map((match) => match[1]);
  return specifiers.map((specifier) => path.relative(ROOT, path.resolve(path.join(ROOT, path.dirname(file)), specifier)));
}

describe('the layout', () => {
  it('keeps the demo data set out of product code', () => {
    const offending = ['platform', 'gateway', 'subgraphs'].flatMap(sourceFiles)
      .flatMap((file) => importsOf(file).filter((target) => target === 'demo' || target.startsWith(`demo${path.sep}`)).map((target) => `${file} imports ${target}`));
    expect(offending).toEqual([]);
  });

  it('lets the gateway reach subgraphs only over HTTP, never through their code', () => {
    const offending = sourceFiles('gateway')
      .flatMap((file) => importsOf(file).filter((target) => target.startsWith(`subgraphs${path.sep}`)).map((target) => `${file} imports ${target}`));
    expect(offending).toEqual([]);
  });

  it('gives every subgraph the same parts', () => {
    const parts = ['entities', 'resolvers', 'ingest', 'migrations', 'loaders.ts', 'index.ts', 'vocabulary.ts'];
    const subgraphs = fs.readdirSync(path.join(ROOT, 'subgraphs'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(subgraphs.sort()).toEqual(['marketplace', 'registry', 'statistics', 'traceability']);
    const missing = subgraphs.flatMap((name) => parts.filter((part) => !fs.existsSync(path.join(ROOT, 'subgraphs', name, part))).map((part) => `${name}/${part}`));
    expect(missing).toEqual([]);
  });
});
