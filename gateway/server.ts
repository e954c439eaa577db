import './no-telemetry';
import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { close, createHttpServer, isDraining, json, listen } from '../platform/server/http';
import { DEFAULT_HOST, displayHost } from '../platform/server/listen-address';
import { readinessResponse, subgraphChecks } from '../platform/server/readiness';
import { metricsRoute, observabilityPlugin, observedFetcher, serviceObservability } from '../platform/observability';
import { formatError, maskedErrorsPlugin } from '../platform/graphql/errors';
import { showsInternalDetails } from '../platform/server/environment';
import { gatewayAdmission, graphqlMaxBodyBytes, type GatewayLimitOptions } from './limits';
import { HubDataSource } from './subgraph-errors';
import { safeStringsPlugin } from '../platform/graphql/safe-strings';
import { explorerRoutes, type ExplorerOptions } from './explorer';
import { graphExecutor } from './pages/graph';
import { traceRoutes } from './pages/trace-page';
import { keepAliveFetcher } from './subgraph-fetcher';
import { outagePathsPlugin, subgraphTimeoutMs } from './outages';
import { openGatewayAccess, type GatewayAccessOptions } from '../platform/access/gateway-identity';
import { IDENTITY_HEADER, identitySecret, signIdentity } from '../platform/access/identity-header';
import { REQUEST_ID_HEADER, type RequestIdContext } from '../platform/server/request-id';
import { PUBLIC_VIEWER, type Viewer } from '../platform/access/roles';
import { forwardingRoutes } from './proxy';
import { officialFormRoutes } from '../platform/reports/form-routes';

/** What the gateway knows of a request: the caller, read once from its credential. */
interface GatewayContext extends RequestIdContext {
  viewer: Viewer;
}

export const DEFAULT_GATEWAY_PORT = 4000;
export const GRAPHQL_PATH = '/graphql';

/** The explorer's example: the flagship Journey query of the design brief, across all four subgraphs. */
export const EXAMPLE_QUERY = `query Journey($id: ID!) {
  household(id: $id) {
    displayName
    kindLabel
    commune { name province { name } }
    census { landAreaHa mainCrops }
    certifications { scheme stars validUntil }
    shops {
      platform
      listings {
        title
        lots { lotNumber harvestedAt events { bizStep eventTime } }
        sales {
          byProvince { province { name } quantityKg }
          byCountry { country quantityKg }
        }
      }
    }
  }
}
`;
export const EXAMPLE_VARIABLES = { id: 'HH-07582-00001' };

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql); it carries each subgraph's default URL. */
  supergraphSdl: string;
  /** Default 4000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Subgraph name → GraphQL URL, replacing the URL written in the supergraph. */
  subgraphUrls?: Record<string, string>;
  /** Where API keys are checked and which identity provider's tokens are accepted. */
  access?: GatewayAccessOptions;
  /** How long to wait for a subgraph; by default `<NAME>_TIMEOUT_MS`, SUBGRAPH_TIMEOUT_MS or 20 s (gateway/outages.ts). */
  subgraphTimeoutMs?: (name: string) => number;
  /** Limits, safelist and body size at the door (gateway/limits.ts); from the environment by default. */
  limits?: GatewayLimitOptions;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves the supergraph: Apollo Gateway plans each operation and calls the subgraphs over HTTP. It knows
 * the subgraphs only through the supergraph SDL (names and URLs), never through their code.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const overrides = options.subgraphUrls ?? {};
  const subgraphNames = new Set<string>();
  // One pool of kept-alive connections for all subgraphs: a quarter less gateway CPU per request than the default fetcher.
  const fetcher = keepAliveFetcher();
  const access = await openGatewayAccess(options.access);
  const secret = identitySecret();
  const observability = serviceObservability('gateway', 'nongsan_gateway');
  const observed = observedFetcher(observability);
  const subgraphUrls: Record<string, string> = {};
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      subgraphNames.add(name);
      subgraphUrls[name] = overrides[name] ?? url ?? '';
      return new HubDataSource<GatewayContext>(name, {
        url: overrides[name] ?? url,
        fetcher: observed(name, fetcher.forSubgraph(name, (options.subgraphTimeoutMs ?? subgraphTimeoutMs)(name))),
        // Anonymous requests carry no identity, so their answers are still shared in flight (subgraph-fetcher.ts).
        willSendRequest: ({ request, context }) => {
          if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
          if (context.viewer && context.viewer.role !== 'public') request.http?.headers.set(IDENTITY_HEADER, signIdentity(context.viewer, secret));
        },
      });
    },
  });
  const admit = gatewayAdmission(gateway, options.limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: showsInternalDetails(),
    // Persisted queries are answered at the door, from the hub's manifest (gateway/limits.ts).
    persistedQueries: false,
    // The explorer's schema panel needs it, and the hub's schema is public.
    introspection: true,
    // The caller (gateway/main.ts, tests) decides when to stop.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      safeStringsPlugin(),
      outagePathsPlugin(),
      observabilityPlugin(observability),
      maskedErrorsPlugin(),
    ],
  });
  await apollo.start();

  const unknown = Object.keys(overrides).filter((name) => !subgraphNames.has(name));
  if (unknown.length > 0) {
    await apollo.stop();
    fetcher.close();
    await access.close();
    throw new Error(
      `No subgraph named ${unknown.map((name) => `"${name}"`).join(', ')} in the supergraph ` +
        `(it has ${[...subgraphNames].map((name) => `"${name}"`).join(', ')}). ` +
        'If a subgraph was added, run npm run compose to regenerate schema/supergraph.graphql.',
    );
  }

  const explorer: ExplorerOptions = { endpoint: GRAPHQL_PATH, exampleQuery: EXAMPLE_QUERY, exampleVariables: EXAMPLE_VARIABLES };
  const server: http.Server = createHttpServer<GatewayContext>(
    {
      path: GRAPHQL_PATH,
      apollo,
      context: async (request) => ({ viewer: await access.viewerOf(request.headers), requestId: request.requestId }),
      admit,
      maxBodyBytes: options.limits?.maxBodyBytes ?? graphqlMaxBodyBytes(),
    },
    [
      ...explorerRoutes(explorer, GRAPHQL_PATH),
      // The public trace page asks the graph as an anonymous caller would.
      ...traceRoutes(graphExecutor(apollo, (requestId) => ({ viewer: PUBLIC_VIEWER, requestId }))),
      { method: 'GET', path: '/health', handle: () => json(200, { status: 'ok' }) },
      // EPCIS capture and marketplace webhooks, at the gateway's address too.
      ...forwardingRoutes((name) => subgraphUrls[name] || undefined, access, secret),
      // The official weekly/monthly forms (platform/reports): the IndicatorReport run as the caller, laid out as XLSX/CSV.
      ...officialFormRoutes(async (request, query, variables) => {
        const response = await apollo.executeOperation({ query, variables }, { contextValue: { viewer: await access.viewerOf(request.headers), requestId: request.requestId } });
        return response.body.kind === 'single' ? response.body.singleResult : { errors: [{ message: 'Incremental delivery is not used for forms.' }] };
      }),
      {
        method: 'GET',
        path: '/ready',
        handle: async (request) =>
          readinessResponse(await subgraphChecks(subgraphUrls), isDraining(server), new URLSearchParams(request.search).has('partial')),
      },
      metricsRoute(observability),
    ],
    { observability },
  );

  const host = options.host ?? DEFAULT_HOST;
  let port: number;
  try {
    port = await listen(server, options.port ?? DEFAULT_GATEWAY_PORT, host);
  } catch (error) {
    await apollo.stop();
    fetcher.close();
    await access.close();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${displayHost(host)}:${port}${GRAPHQL_PATH}`,
    port,
    stop: () => {
      stopping ??= close(server)
        .then(() => apollo.stop())
        .then(() => fetcher.close())
        .then(() => access.close());
      return stopping;
    },
  };
}
