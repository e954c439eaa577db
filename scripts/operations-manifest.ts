import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { repoRoot } from '../platform/repo-root';
import { DEFAULT_MANIFEST_FILE, MANIFEST_FORMAT, operationHash, type OperationManifest, type PersistedOperation } from '../platform/graphql/persisted-operations';

/** Where the hub's own operations live: the tests' typed operations, the benchmark's and the explorer's saved queries. Arguments replace them. */
export const DEFAULT_SOURCES = [path.join('test', 'operations'), path.join('bench', 'operations'), 'queries'];

/**
 * One manifest entry per named operation, its body printed with the fragments it uses, as clients print a typed
 * document (graphql's `print`), so the hash a client computes matches the manifest's.
 */
export function manifestOperations(files: string[]): PersistedOperation[] {
  const operations = new Map<string, PersistedOperation>();
  for (const file of files) {
    const document = parse(fs.readFileSync(file, 'utf8'));
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      if (!definition.name) throw new Error(`${file}: every operation of the manifest needs a name.`);
      const body = print({ kind: Kind.DOCUMENT, definitions: [definition, ...usedFragments(definition, fragments)] } as DocumentNode);
      const id = operationHash(body);
      operations.set(id, { id, name: definition.name.value, type: definition.operation, body });
    }
  }
  return [...operations.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function usedFragments(root: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          walk(fragment);
        }
      },
    });
  walk(root);
  return [...used.values()];
}

function graphqlFiles(source: string): string[] {
  if (!fs.statSync(source).isDirectory()) return [source];
  return fs
    .readdirSync(source)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => path.join(source, name));
}

/**
 * `npm run operations:manifest [folder-or-file ...]` writes schema/persisted-operations.json; with `--check`
 * (`npm run operations:check`, run by CI) it writes nothing and fails when the file differs from the operations.
 * Resolves with the exit code.
 */
export function main(argv: string[] = process.argv.slice(2), root: string = repoRoot()): number {
  const check = argv.includes('--check');
  const given = argv.filter((arg) => arg !== '--check');
  const sources = given.length > 0 ? given : DEFAULT_SOURCES.map((source) => path.join(root, source));
  const operations = manifestOperations(sources.flatMap(graphqlFiles));
  const manifest: OperationManifest = { format: MANIFEST_FORMAT, version: 1, operations };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const file = path.join(root, DEFAULT_MANIFEST_FILE);
  if (check) {
    const written = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (written === text) {
      console.log(`${file} is up to date (${operations.length} operations).`);
      return 0;
    }
    const before = written ? (JSON.parse(written) as OperationManifest).operations : [];
    const added = operations.filter((operation) => !before.some((old) => old.id === operation.id)).map((operation) => operation.name);
    const gone = before.filter((old) => !operations.some((operation) => operation.id === old.id)).map((old) => old.name);
    const what = [added.length ? `new or changed: ${added.join(', ')}` : '', gone.length ? `no longer in the sources: ${gone.join(', ')}` : ''].filter(Boolean).join('; ');
    console.error(`${file} is stale (${what || 'its text differs'}). Run npm run operations:manifest and commit the file.`);
    return 1;
  }
  fs.writeFileSync(file, text);
  console.log(`${file}: ${operations.length} operations (${operations.map((operation) => operation.name).join(', ')})`);
  return 0;
}

if (require.main === module) process.exitCode = main();
