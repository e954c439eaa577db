// Before MikroORM loads (the API key store uses it): its async-local stores released while no write runs.
import { warnIfOrmStoresStayHooked } from '../platform/database/orm-async-context';
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import { repoRoot } from '../platform/repo-root';
import { assertSecretsConfigured, PLATFORM_SECRETS } from '../platform/server/secrets';
import { startTracing, stopTracing } from '../platform/observability';
import { hostFromEnv, portVariable } from '../platform/server/listen-address';
import { DEFAULT_GATEWAY_PORT, startGateway, type RunningGateway } from './server';
import { jwtOptionsFromEnv } from '../platform/access/jwt';

export const SUPERGRAPH_FILE = path.join('schema', 'supergraph.graphql');

export interface SupergraphSubgraph {
  name: string;
  url: string | undefined;
}

/** Reads schema/supergraph.graphql (written by `npm run compose`) from the repository root. */
export function readSupergraph(root: string = repoRoot()): string {
  const file = path.join(root, SUPERGRAPH_FILE);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} does not exist: run npm run compose to generate it.`);
  }
  return fs.readFileSync(file, 'utf8');
}

/** The subgraphs named in a supergraph (the values of its `join__Graph` enum) with their URLs. */
export function supergraphSubgraphs(supergraphSdl: string): SupergraphSubgraph[] {
  const subgraphs: SupergraphSubgraph[] = [];
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((candidate) => candidate.name.value === 'join__graph');
      const name = directive && stringArgument(directive, 'name');
      if (name) subgraphs.push({ name, url: stringArgument(directive, 'url') });
    }
  }
  return subgraphs;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((candidate) => candidate.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** `REGISTRY_URL` for "registry": the variable that overrides a subgraph's URL. */
export function subgraphUrlVariable(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

/** The subgraph URLs that the environment overrides (`<NAME>_URL`), by subgraph name. */
export function subgraphUrlsFromEnv(names: string[], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const name of names) {
    const value = env[subgraphUrlVariable(name)]?.trim();
    if (value) urls[name] = value;
  }
  return urls;
}

export function portFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return portVariable('PORT', DEFAULT_GATEWAY_PORT, env);
}

/** Starts the gateway from the generated supergraph, with PORT, HOST and `<NAME>_URL` from the environment. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<RunningGateway> {
  // The gateway signs callers' identities for the subgraphs; it holds no other secret.
  assertSecretsConfigured(PLATFORM_SECRETS.filter((setting) => setting.variable === 'NONGSAN_IDENTITY_SECRET'), env);
  const supergraphSdl = readSupergraph();
  const subgraphs = supergraphSubgraphs(supergraphSdl);
  const subgraphUrls = subgraphUrlsFromEnv(
    subgraphs.map((subgraph) => subgraph.name),
    env,
  );
  const gateway = await startGateway({
    supergraphSdl,
    port: portFromEnv(env),
    host: hostFromEnv(env),
    subgraphUrls,
    // API keys live in the `access` schema of ACCESS_DATABASE_URL (else DATABASE_URL); without either, keys are refused.
    access: { databaseUrl: env.ACCESS_DATABASE_URL?.trim() || env.DATABASE_URL?.trim() || undefined, jwt: jwtOptionsFromEnv(env) },
  });
  console.log(`Nông sản Graph gateway: ${gateway.url}`);
  console.log(`  explorer: ${new URL('/', gateway.url).href}`);
  for (const subgraph of subgraphs) {
    const override = subgraphUrls[subgraph.name];
    const url = override ?? subgraph.url ?? '(no URL)';
    console.log(`  ${subgraph.name}: ${url}${override ? ` (from ${subgraphUrlVariable(subgraph.name)})` : ''}`);
  }
  return gateway;
}

/** The gateway as a process: started from the environment, stopped (draining requests) on SIGINT or SIGTERM. */
export function run(): void {
  warnIfOrmStoresStayHooked();
  startTracing('nongsan-gateway');
  main().then(
    (gateway) => {
      const shutdown = (signal: NodeJS.Signals) => {
        console.log(`${signal}: stopping the gateway…`);
        gateway.stop().then(stopTracing).then(
          () => process.exit(0),
          (error: Error) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error: Error) => {
      console.error(`The gateway could not start: ${error.message}`);
      process.exit(1);
    },
  );
}

if (require.main === module) run();
