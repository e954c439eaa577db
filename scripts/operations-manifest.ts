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

/** `npm run operations:manifest [folder-or-file ...]`: writes schema/persisted-operations.json. */
function main(): void {
  const root = repoRoot();
  const sources = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEFAULT_SOURCES.map((source) => path.join(root, source));
  const operations = manifestOperations(sources.flatMap(graphqlFiles));
  const manifest: OperationManifest = { format: MANIFEST_FORMAT, version: 1, operations };
  const file = path.join(root, DEFAULT_MANIFEST_FILE);
  fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${file}: ${operations.length} operations (${operations.map((operation) => operation.name).join(', ')})`);
}

if (require.main === module) main();
