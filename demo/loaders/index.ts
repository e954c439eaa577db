import type { DemoLoader } from '../../platform/server/subgraph-server';
import { loadMarketplaceDemo } from './marketplace';
import { loadRegistryDemo } from './registry';
import { loadStatisticsDemo } from './statistics';
import { loadTraceabilityDemo } from './traceability';

/*
 * Each subgraph's slice of the deterministic demo data set, written when its tables are empty. The launchers
 * (scripts/, tests, benchmarks) pass these to the subgraphs they start; the subgraphs themselves know no demo.
 */
export const DEMO_LOADERS: Record<string, DemoLoader> = {
  registry: loadRegistryDemo,
  statistics: loadStatisticsDemo,
  marketplace: loadMarketplaceDemo,
  traceability: loadTraceabilityDemo,
};

/** The demo loader of a subgraph when demo data is wanted, else none. */
export function demoLoaderFor(subgraphName: string, wanted = true): DemoLoader | undefined {
  return wanted ? DEMO_LOADERS[subgraphName] : undefined;
}
