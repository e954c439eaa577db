import type http from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApolloServer } from '@apollo/server';
import { Counter } from 'prom-client';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { SubgraphContext, SubgraphDefinition } from '../subgraph';
import { openSubgraphDatabase, type SubgraphDatabase } from '../database/orm';
import { buildFederatedSchema } from '../graphql/federated-schema';
import { createAdmission } from '../graphql/admission';
import { formatError, maskedErrorsPlugin } from '../graphql/errors';
import { limitsFromEnv } from '../graphql/limits';
import { showsInternalDetails } from './environment';
import { assertSecretsConfigured, PLATFORM_SECRETS } from './secrets';
import { safeStringsPlugin } from '../graphql/safe-strings';
import { databaseTimeoutError, databaseTimeoutsFromEnv } from '../database/timeouts';
import { httpHouseholdDirectory } from '../linking/household-directory';
import { metricsRoute, observabilityPlugin, observeSql, serviceObservability } from '../observability';
import { close, createHttpServer, isDraining, json, listen, type Route } from './http';
import { DEFAULT_HOST, displayHost } from './listen-address';
import { PeerDirectory, type SubgraphPeers } from './peers';
import { databaseChecks, readinessResponse } from './readiness';
import { subgraphViewer } from '../access/subgraph-identity';
import { identitySecret } from '../access/identity-header';
import { processingLogPlugin } from '../access/processing-log';

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
  assertSecretsConfigured([...PLATFORM_SECRETS, ...(subgraph.secrets?.() ?? [])]);
  const timeouts = databaseTimeoutsFromEnv();
  // Fails at start, not at the first request, when production has no identity secret.
  identitySecret();
  const database = await openSubgraphDatabase(subgraph as SubgraphDefinition, options.databaseUrl, { log: options.log, timeouts });
  const peers = options.peers ?? new PeerDirectory({});
  // References to households are checked with the registry over HTTP, whichever process it runs in.
  const householdDirectory = httpHouseholdDirectory(peers);
  const observability = serviceObservability(subgraph.name, 'nongsan_subgraph');
  observeSql(database.orm.em.getConnection().getKnex(), subgraph.name, observability.registry);
  // Read by the benchmark (bench/metrics.ts) since before the operation metrics existed.
  const requests = new Counter({ name: 'nongsan_graphql_requests_total', help: 'GraphQL requests received.', labelNames: ['subgraph'], registers: [observability.registry] });
  const schema = await buildFederatedSchema(subgraph as SubgraphDefinition);
  const apollo = new ApolloServer<SubgraphContext<Loaders>>({
    schema,
    // Cache control is off: its hook on every field's resolver cost each call, and subgraph answers are never cached.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), safeStringsPlugin(), processingLogPlugin(), observabilityPlugin(observability), maskedErrorsPlugin()],
    includeStacktraceInErrorResponses: showsInternalDetails(),
    // A database that timed out is named as such (DATABASE_TIMEOUT), never with the driver's text; the rest as everywhere.
    formatError: (formatted, error) => formatError(databaseTimeoutError(error, formatted, subgraph.name, timeouts) ?? formatted, error),
  });
  await apollo.start();
  // The same limits as the gateway's for each caller's role, so calling a subgraph's port gives no more.
  const admit = createAdmission({ schema: () => schema, settings: limitsFromEnv() });

  const server: http.Server = createHttpServer<SubgraphContext<Loaders>>(
    {
      path: '/graphql',
      apollo,
      admit,
      context: async (request) => {
        requests.labels(subgraph.name).inc();
        const em = database.orm.em.fork();
        return { em, loaders: subgraph.createLoaders(em), ...subgraphViewer(request.headers, request.requestId), householdDirectory };
      },
    },
    [
      { method: 'GET', path: '/health', handle: () => json(200, { status: 'ok', subgraph: subgraph.name }) },
      {
        method: 'GET',
        path: '/ready',
        handle: async (request) =>
          readinessResponse(
            await databaseChecks(options.databaseUrl, subgraph.name, subgraph.migrations.map((migration) => migration.name)),
            isDraining(server),
            new URLSearchParams(request.search).has('partial'),
          ),
      },
      metricsRoute(observability),
      ...(subgraph.routes?.(database, peers) ?? []),
      ...(options.routes?.(database) ?? []),
    ],
    { observability },
  );
  const host = options.host ?? DEFAULT_HOST;
  const port = await listen(server, options.port ?? subgraph.defaultPort, host);
  return {
    name: subgraph.name,
    url: `http://${displayHost(host)}:${port}/graphql`,
    port,
    database,
    stop: async () => {
      await close(server);
      await apollo.stop();
      await database.close();
    },
  };
}

/** Writes a subgraph's slice of demo data when its tables are empty (the launchers pass `demo/loaders`). */
export type DemoLoader = (em: EntityManager) => Promise<{ loaded: boolean; rows: number }>;

/** Starts a subgraph, applies its migrations, reference data and (when a loader is given) demo data. */
export async function startPreparedSubgraph(
  subgraph: SubgraphDefinition,
  databaseUrl: string,
  { port, host, loadDemoData, log, peers }: { port?: number; host?: string; loadDemoData?: DemoLoader; log: (line: string) => void; peers?: SubgraphPeers },
): Promise<RunningSubgraph> {
  const running = await startSubgraph(subgraph, { databaseUrl, port, host, log, peers });
  const em = running.database.orm.em.fork();
  await subgraph.loadReferenceData?.(em);
  if (loadDemoData) {
    const { loaded, rows } = await loadDemoData(em.fork());
    if (loaded) log(`  ${subgraph.name}: loaded ${rows} demo rows`);
  }
  return running;
}

