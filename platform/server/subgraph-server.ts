import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { SubgraphContext, SubgraphDefinition } from '../subgraph';
import { openSubgraphDatabase, type SubgraphDatabase } from '../database/orm';
import { buildFederatedSchema } from '../graphql/federated-schema';
import { safeStringsPlugin } from '../graphql/safe-strings';
import { databaseTimeoutError, databaseTimeoutsFromEnv } from '../database/timeouts';
import { close, createHttpServer, json, listen, type Route } from './http';
import { PeerDirectory, type SubgraphPeers } from './peers';
import { subgraphViewer } from '../access/subgraph-identity';

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  database: SubgraphDatabase;
  stop(): Promise<void>;
}

export interface SubgraphServerOptions {
  databaseUrl: string;
  port?: number;
  host?: string;
  /** Progress lines (migrations applied); silent when absent. */
  log?: (line: string) => void;
  /** Extra routes (ingest webhooks, for instance). */
  routes?: (database: SubgraphDatabase) => Route[];
  /** Where the other subgraphs are; by default from `<NAME>_URL` or their default ports. */
  peers?: SubgraphPeers;
}

/** Opens the subgraph's database (migrating it) and serves its GraphQL endpoint over HTTP. */
export async function startSubgraph<Loaders>(
  subgraph: SubgraphDefinition<Loaders>,
  options: SubgraphServerOptions,
): Promise<RunningSubgraph> {
  const timeouts = databaseTimeoutsFromEnv();
  const database = await openSubgraphDatabase(subgraph as SubgraphDefinition, options.databaseUrl, { log: options.log, timeouts });
  let requests = 0;
  const apollo = new ApolloServer<SubgraphContext<Loaders>>({
    schema: await buildFederatedSchema(subgraph as SubgraphDefinition),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), safeStringsPlugin()],
    includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
    // A database that timed out is named as such (DATABASE_TIMEOUT), never with the driver's text.
    formatError: (formatted, error) => databaseTimeoutError(error, formatted, subgraph.name, timeouts) ?? formatted,
  });
  await apollo.start();

  const server: http.Server = createHttpServer(
    {
      path: '/graphql',
      apollo,
      context: async (request) => {
        requests += 1;
        const em = database.orm.em.fork();
        return { em, loaders: subgraph.createLoaders(em), ...subgraphViewer(request.headers) };
      },
    },
    [
      { method: 'GET', path: '/health', handle: () => json(200, { status: 'ok', subgraph: subgraph.name }) },
      {
        method: 'GET',
        path: '/metrics',
        handle: () => ({
          status: 200,
          headers: { 'content-type': 'text/plain; version=0.0.4' },
          body:
            `# HELP nongsan_sql_statements_total SQL statements sent to PostgreSQL.\n` +
            `# TYPE nongsan_sql_statements_total counter\n` +
            `nongsan_sql_statements_total{subgraph="${subgraph.name}"} ${database.statements.total}\n` +
            `# HELP nongsan_graphql_requests_total GraphQL requests received.\n` +
            `# TYPE nongsan_graphql_requests_total counter\n` +
            `nongsan_graphql_requests_total{subgraph="${subgraph.name}"} ${requests}\n`,
        }),
      },
      ...(subgraph.routes?.(database, options.peers ?? new PeerDirectory({})) ?? []),
      ...(options.routes?.(database) ?? []),
    ],
  );
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? subgraph.defaultPort, host);
  return {
    name: subgraph.name,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql`,
    port,
    database,
    stop: async () => {
      await close(server);
      await apollo.stop();
      await database.close();
    },
  };
}

/** Starts a subgraph, applies its migrations, reference data and (optionally) demo data. */
export async function startPreparedSubgraph(
  subgraph: SubgraphDefinition,
  databaseUrl: string,
  { port, loadDemoData, log, peers }: { port?: number; loadDemoData: boolean; log: (line: string) => void; peers?: SubgraphPeers },
): Promise<RunningSubgraph> {
  const running = await startSubgraph(subgraph, { databaseUrl, port, log, peers });
  const em = running.database.orm.em.fork();
  await subgraph.loadReferenceData?.(em);
  if (loadDemoData) {
    const { loaded, rows } = await subgraph.loadDemoData(em.fork());
    if (loaded) log(`  ${subgraph.name}: loaded ${rows} demo rows`);
  }
  return running;
}

