import { subgraphDatabaseUrl } from '../platform/database/default-database';
import { startPreparedSubgraph, type RunningSubgraph } from '../platform/server/subgraph-server';
import type { SubgraphDefinition } from '../platform/subgraph';
import { subgraphPeers } from '../subgraphs';
import { demoLoaderFor } from '../demo/loaders';

export interface SubgraphsInProcessOptions {
  /** Each subgraph's database: `<NAME>_DATABASE_URL`, else this one. */
  databaseUrl: string;
  port(subgraph: SubgraphDefinition): number;
  host?: string;
  loadDemoData: boolean;
  log: (line: string) => void;
  /** Called as each one starts listening, before the next starts. */
  started?: (running: RunningSubgraph) => void;
}

/**
 * Starts subgraphs one after the other in this process, each on its own port and still called over HTTP; those
 * started here are each other's peers at the address they listen on. If one fails, those already started stop.
 * Used by the all-in-one hub (`npm start`) and by `npm run subgraph` with several names.
 */
export async function startSubgraphsInProcess(subgraphs: readonly SubgraphDefinition[], options: SubgraphsInProcessOptions): Promise<RunningSubgraph[]> {
  const peers = subgraphPeers();
  const running: RunningSubgraph[] = [];
  try {
    for (const subgraph of subgraphs) {
      const started = await startPreparedSubgraph(subgraph, subgraphDatabaseUrl(subgraph.name, options.databaseUrl), {
        port: options.port(subgraph),
        host: options.host,
        loadDemoData: demoLoaderFor(subgraph.name, options.loadDemoData),
        log: options.log,
        peers,
      });
      peers.add(subgraph.name, started.url);
      running.push(started);
      options.started?.(started);
    }
    return running;
  } catch (error) {
    for (const started of running) await started.stop().catch(() => {});
    throw error;
  }
}
