import path from 'node:path';
import { BENCH_PRODUCTION_ENV } from './production-env';
import { subgraphUrlVariable } from '../gateway/main';
import type { ContenderName } from './names';
import type { Operation, Variables } from './operations';
import { startServer, type ServerProcess } from './processes';


export interface ContenderContext {
  root: string;
  host: string;
  port: number;
  /** Subgraph name → GraphQL URL of the subgraphs the gateways share. */
  subgraphUrls: Record<string, string>;
  databaseUrl: string;
  logDir: string;
}

export interface Contender {
  name: ContenderName;
  label: string;
  /** A gateway's SQL statements are the subgraphs'; the limit counts its own. */
  kind: 'gateway' | 'sql';
  start(context: ContenderContext): Promise<ServerProcess>;
  /** The HTTP request that asks this contender for an operation with these variables. */
  request(operation: Operation, variables: Variables): { path: string; body: string };
}

const GRAPHQL_PATH = '/graphql';

function graphqlRequest(operation: Operation, variables: Variables): { path: string; body: string } {
  return { path: GRAPHQL_PATH, body: JSON.stringify({ query: operation.query, operationName: operation.operationName, variables }) };
}

/** The environment every contender runs in: production mode, no telemetry, the subgraph URLs as `<NAME>_URL`. */
function environment(context: ContenderContext, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...BENCH_PRODUCTION_ENV, APOLLO_TELEMETRY_DISABLED: '1', ...extra };
  for (const [name, url] of Object.entries(context.subgraphUrls)) env[subgraphUrlVariable(name)] = url;
  return env;
}

/** A gateway is ready when it answers the smallest GraphQL query. */
function graphqlReady(context: ContenderContext): () => Promise<boolean> {
  return async () => {
    const response = await fetch(`http://${context.host}:${context.port}${GRAPHQL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return response.ok && ((await response.json()) as { data?: unknown }).data !== undefined;
  };
}

/**
 * Hive Gateway from its own command line, its subgraph URLs from bench/contenders/hive-gateway.config.mjs;
 * `--hive-router-runtime` swaps its JavaScript planner and executor for Hive Router's (Rust, @graphql-hive/router-runtime).
 */
function hiveGateway(name: ContenderName, label: string, flags: string[] = []): Contender {
  return {
    name,
    label,
    kind: 'gateway',
    start: (context) =>
      startServer({
        name,
        command: process.execPath,
        args: [
          path.join(context.root, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'),
          'supergraph',
          path.join(context.root, 'schema', 'supergraph.graphql'),
          '--config-path',
          path.join(context.root, 'bench', 'contenders', 'hive-gateway.config.mjs'),
          ...flags,
          '--host',
          context.host,
          '--port',
          String(context.port),
        ],
        env: environment(context),
        cwd: context.root,
        logDir: context.logDir,
        ready: graphqlReady(context),
      }),
    request: graphqlRequest,
  };
}

export const CONTENDERS: Record<ContenderName, Contender> = {
  ours: {
    name: 'ours',
    label: 'our gateway',
    kind: 'gateway',
    start: (context) =>
      startServer({
        name: 'ours',
        command: process.execPath,
        args: [path.join(context.root, 'dist', 'gateway', 'main.js')],
        env: environment(context, { PORT: String(context.port), HOST: context.host }),
        cwd: context.root,
        logDir: context.logDir,
        ready: graphqlReady(context),
      }),
    request: graphqlRequest,
  },
  apollo: {
    name: 'apollo',
    label: '@apollo/gateway, defaults',
    kind: 'gateway',
    start: (context) =>
      startServer({
        name: 'apollo',
        command: process.execPath,
        args: [path.join(context.root, 'dist', 'bench', 'contenders', 'apollo-plain.js')],
        env: environment(context, { PORT: String(context.port), HOST: context.host }),
        cwd: context.root,
        logDir: context.logDir,
        ready: graphqlReady(context),
      }),
    request: graphqlRequest,
  },
  hive: hiveGateway('hive', 'Hive Gateway, defaults'),
  'hive-rust': hiveGateway('hive-rust', "Hive Gateway with Hive Router's Rust query planner", ['--hive-router-runtime']),
  limit: {
    name: 'limit',
    label: 'hand-written SQL (the limit)',
    kind: 'sql',
    start: (context) =>
      startServer({
        name: 'limit',
        command: process.execPath,
        args: [path.join(context.root, 'dist', 'bench', 'contenders', 'sql-limit.js')],
        env: environment(context, { PORT: String(context.port), HOST: context.host, DATABASE_URL: context.databaseUrl }),
        cwd: context.root,
        logDir: context.logDir,
        ready: async () => (await fetch(`http://${context.host}:${context.port}/health`)).ok,
      }),
    request: (operation, variables) => ({ path: `/${operation.name}`, body: JSON.stringify({ variables }) }),
  },
};

/**
 * The contenders' order in a round: the limit first (it leaves the subgraphs idle for a minute), then the gateways,
 * each round starting one further along. The gateway after the idle minute finds the subgraphs slower (its Journey
 * cost them 30 % more CPU a call at 100k); a fixed order gave that place to ours in every round, so its median had it
 * too. Now each gateway has it once in as many rounds as there are gateways, which the median leaves out.
 */
export function roundOrder<C extends { kind: string }>(contenders: readonly C[], round: number): C[] {
  const gateways = contenders.filter((contender) => contender.kind === 'gateway');
  const shift = gateways.length === 0 ? 0 : (round - 1) % gateways.length;
  return [...contenders.filter((contender) => contender.kind !== 'gateway'), ...gateways.slice(shift), ...gateways.slice(0, shift)];
}
