import { PeerDirectory } from '../platform/server/peers';
import type { SubgraphDefinition } from '../platform/subgraph';
import { registry } from './registry';
import { statistics } from './statistics';
import { marketplace } from './marketplace';
import { traceability } from './traceability';

/** The four subgraphs, in the order the hub starts them and composes the supergraph. */
export const SUBGRAPHS: SubgraphDefinition[] = [registry as SubgraphDefinition, statistics as SubgraphDefinition, marketplace as SubgraphDefinition, traceability as SubgraphDefinition];

export function subgraphByName(name: string): SubgraphDefinition {
  const found = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!found) throw new Error(`Unknown subgraph "${name}". Known: ${SUBGRAPHS.map((s) => s.name).join(', ')}.`);
  return found;
}

/** Where each subgraph finds its peers: `<NAME>_URL`, else the peer's default port on this machine. */
export function subgraphPeers(): PeerDirectory {
  return new PeerDirectory(Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.defaultPort])));
}
