import type { SubgraphDefinition } from '../platform/subgraph';
import { registry } from './registry';

/** The four subgraphs, in the order the hub starts them and composes the supergraph. */
export const SUBGRAPHS: SubgraphDefinition[] = [registry as SubgraphDefinition];

export function subgraphByName(name: string): SubgraphDefinition {
  const found = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!found) throw new Error(`Unknown subgraph "${name}". Known: ${SUBGRAPHS.map((s) => s.name).join(', ')}.`);
  return found;
}
