// Before MikroORM loads: its async-local stores released while no write runs (see the module).
import { warnIfOrmStoresStayHooked } from '../platform/database/orm-async-context';
import { DEFAULT_GATEWAY_PORT, EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../gateway/server';
import { startTracing, stopTracing } from '../platform/observability';
import { hostFromEnv, portVariable, subgraphPortVariable } from '../platform/server/listen-address';
import { startHub } from './hub';

/** `npm start`: the whole hub on the embedded PostgreSQL (or DATABASE_URL), with demo data. */
async function main(): Promise<void> {
  warnIfOrmStoresStayHooked();
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const started = Date.now();
  console.log('Nông sản Graph: starting PostgreSQL, the four subgraphs and the gateway...');
  startTracing('nongsan-hub');
  const hub = await startHub({
    host: hostFromEnv(),
    gatewayPort: portVariable('PORT', DEFAULT_GATEWAY_PORT),
    subgraphPort: (subgraph) => portVariable(subgraphPortVariable(subgraph.name), subgraph.defaultPort),
    loadDemoData: process.env.DEMO_DATA !== '0',
    log: (line) => console.log(line),
  });
  const variables = JSON.stringify(EXAMPLE_VARIABLES);
  const root = hub.gatewayUrl.replace(/\/graphql$/, '');
  const traceCode = await firstTraceCode(hub.gatewayUrl);
  console.log(`
Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.

  GraphQL endpoint:  ${hub.gatewayUrl}
  Explorer:          ${root}/  (open in a browser)
  Dashboard:         ${root}/dashboard${traceCode ? `\n  Trace page:        ${root}/trace/${traceCode}  (what a pack's QR code opens)` : ''}

Try the flagship query (variables ${variables}):

${EXAMPLE_QUERY}

or from a terminal:

  curl -s ${hub.gatewayUrl} -H 'content-type: application/json' \\
    -d '{"query":"{ household(id: \\"${EXAMPLE_VARIABLES.id}\\") { displayName commune { name province { name } } } }"}'

Press Ctrl+C to stop.`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the hub...`);
    await hub.stop();
    await stopTracing();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** A QR code of the loaded data, to show the trace page with; none when the hub started empty. */
async function firstTraceCode(gatewayUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ listings(first: 5) { nodes { lots { traceCodes { code } } } } }' }),
    });
    const body = (await response.json()) as { data?: { listings: { nodes: Array<{ lots: Array<{ traceCodes: Array<{ code: string }> }> }> } } };
    return body.data?.listings.nodes.flatMap((listing) => listing.lots.flatMap((lot) => lot.traceCodes))[0]?.code;
  } catch {
    return undefined;
  }
}

main().catch((error: Error) => {
  console.error(`The hub did not start: ${error.message}`);
  process.exit(1);
});
