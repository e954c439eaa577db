import { generateMarketplaceFeed } from '../demo/marketplace-feed';
import { signatureHeaders } from '../platform/ingest/signed-webhook';
import { startPreparedSubgraph } from '../platform/server/subgraph-server';
import type { SubgraphDefinition } from '../platform/subgraph';
import { marketplace } from '../subgraphs/marketplace';
import { registry } from '../subgraphs/registry';
import { argument, countRows, machineFigures, runBenchmark, scratchDatabase, writeFigures } from './ingest-support';
import { demoLoaderFor } from '../demo/loaders';

/**
 * Throughput of the marketplace webhook: a generated feed of 100k+ events (shops opened, listings created, orders
 * placed, delivered, cancelled) posted in signed batches, one after the other as a platform's sender would, to the
 * marketplace subgraph on a fresh embedded PostgreSQL (or DATABASE_URL), with the registry subgraph (demo
 * households) beside it for the linking of the shops, one matching request per batch. Figures go to
 * bench/results/marketplace-webhook.json.
 *
 *   npm run bench:marketplace -- [--events 100000] [--batch 1000] [--port 55451]
 */
async function main(): Promise<void> {
  const targetEvents = Number(argument('--events') ?? 100_000);
  const batchSize = Number(argument('--batch') ?? 1000);
  // A feed of one shop with 4 listings of 14 orders is about 106 events.
  const feed = generateMarketplaceFeed({ shops: Math.ceil(targetEvents / 100), listingsPerShop: 4, ordersPerListing: 14, idPrefix: 'bench', seed: 7 });
  const events = feed.slice(0, Math.max(targetEvents, 1));

  const scratch = await scratchDatabase('marketplace', 55451);
  const databaseUrl = scratch.url;
  const registryServer = await startPreparedSubgraph(registry as unknown as SubgraphDefinition, databaseUrl, { port: 0, loadDemoData: demoLoaderFor('registry'), log: () => {} });
  const registryBaseUrl = registryServer.url.replace(/\/graphql$/, '');
  const running = await startPreparedSubgraph(marketplace as unknown as SubgraphDefinition, databaseUrl, {
    port: 0, log: () => {}, peers: { baseUrl: () => registryBaseUrl },
  });
  const url = running.url.replace(/\/graphql$/, '/ingest/marketplace/POSTMART');

  try {
    const latencies: number[] = [];
    const statementsBefore = running.database.statements.total;
    const started = process.hrtime.bigint();
    for (let start = 0; start < events.length; start += batchSize) {
      const body = JSON.stringify({ events: events.slice(start, start + batchSize) });
      const sent = process.hrtime.bigint();
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signatureHeaders('dev-postmart-secret', body) }, body });
      if (response.status !== 200) throw new Error(`Batch at event ${start}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const statements = running.database.statements.total - statementsBefore;

    const sorted = [...latencies].sort((a, b) => a - b);
    const percentile = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
    const knex = running.database.orm.em.getKnex();
    const counts = await countRows(knex, 'marketplace', ['shop', 'listing', 'order', 'received_event']);
    const figures = {
      measuredAt: new Date().toISOString(),
      machine: machineFigures(),
      database: scratch.label,
      registry: 'demo households, for the shops\' linking',
      events: events.length,
      batchSize,
      batches: latencies.length,
      seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round(events.length / seconds),
      batchMilliseconds: { p50: percentile(50), p95: percentile(95), max: Math.round(sorted[sorted.length - 1]) },
      sqlStatementsPerBatch: Math.round((statements / latencies.length) * 10) / 10,
      rowsStored: counts,
      shopLinks: Object.fromEntries(
        ((await knex.withSchema('marketplace').from('shop').select('link_status').count({ count: '*' }).groupBy('link_status')) as { link_status: string; count: string }[])
          .map((row) => [row.link_status, Number(row.count)]),
      ),
    };
    console.log(`${figures.events} events in ${figures.seconds} s: ${figures.eventsPerSecond} events/s (batches of ${batchSize}, p50 ${figures.batchMilliseconds.p50} ms, p95 ${figures.batchMilliseconds.p95} ms)`);
    writeFigures('marketplace-webhook.json', figures);
  } finally {
    await running.stop();
    await registryServer.stop();
    await scratch.stop();
  }
}

runBenchmark(main);
