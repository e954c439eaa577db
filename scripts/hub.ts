import { defaultDatabase, redact, subgraphDatabaseUrl } from '../platform/database/default-database';
import type { EmbeddedDatabase } from '../platform/database/embedded';
import type { RunningSubgraph } from '../platform/server/subgraph-server';
import type { SubgraphDefinition } from '../platform/subgraph';
import { assertSecretsConfigured, PLATFORM_SECRETS } from '../platform/server/secrets';
import { readSupergraph } from '../gateway/main';
import { startGateway } from '../gateway/server';
import { SUBGRAPHS } from '../subgraphs';
import { jwtOptionsFromEnv, type JwtOptions } from '../platform/access/jwt';
import { startSubgraphsInProcess } from './subgraphs-in-process';

export interface HubOptions {
  /** Defaults to DATABASE_URL, else the embedded PostgreSQL. */
  databaseUrl?: string;
  gatewayPort?: number;
  /** Listen address of every service; default 127.0.0.1. */
  host?: string;
  /** 0 picks free ports (tests); otherwise each subgraph's default port. */
  subgraphPort?: (subgraph: SubgraphDefinition) => number;
  loadDemoData?: boolean;
  log?: (line: string) => void;
  /** Identity-provider tokens the gateway accepts; by default from NONGSAN_JWKS_FILE/URL and the rest. */
  jwt?: JwtOptions;
}

export interface RunningHub {
  gatewayUrl: string;
  databaseUrl: string;
  subgraphs: RunningSubgraph[];
  stop(): Promise<void>;
}

/** The all-in-one hub: one PostgreSQL (a schema per subgraph), four subgraphs and the gateway, over real HTTP. */
export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  const log = options.log ?? (() => {});
  // Before PostgreSQL starts: a production hub with a development secret names every setting to give, at once.
  assertSecretsConfigured([...PLATFORM_SECRETS, ...SUBGRAPHS.flatMap((subgraph) => subgraph.secrets?.() ?? [])]);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    // `log` also tells a root user where the cluster went when PostgreSQL's user cannot enter the checkout.
    const database = await defaultDatabase(log);
    databaseUrl = database.url;
    embedded = database.embedded;
    log(embedded ? `PostgreSQL (embedded) ready on ${redact(databaseUrl)}` : `PostgreSQL: ${redact(databaseUrl)}`);
  }
  let subgraphs: RunningSubgraph[] = [];
  try {
    subgraphs = await startSubgraphsInProcess(SUBGRAPHS, {
      databaseUrl,
      port: (subgraph) => options.subgraphPort?.(subgraph) ?? subgraph.defaultPort,
      host: options.host,
      loadDemoData: options.loadDemoData ?? true,
      log,
      started: (running) => log(`  ${running.name} subgraph on ${running.url}`),
    });
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      port: options.gatewayPort ?? 4000,
      host: options.host,
      subgraphUrls: Object.fromEntries(subgraphs.map((running) => [running.name, running.url])),
      access: { databaseUrl: subgraphDatabaseUrl('access', databaseUrl), jwt: options.jwt ?? jwtOptionsFromEnv() },
    });
    return {
      gatewayUrl: gateway.url,
      databaseUrl,
      subgraphs,
      stop: async () => {
        await gateway.stop();
        for (const running of subgraphs) await running.stop();
        await embedded?.stop();
      },
    };
  } catch (error) {
    for (const running of subgraphs) await running.stop().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw error;
  }
}
