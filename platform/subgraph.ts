import type { EntityManager } from '@mikro-orm/postgresql';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import type { IResolvers } from '@graphql-tools/utils';
import type { NonEmptyArray } from 'type-graphql';
import type { SubgraphDatabase } from './database/orm';
import type { Route } from './server/http';
import type { SecretSetting } from './server/secrets';
import type { SubgraphPeers } from './server/peers';
import type { Importer } from './ingest/importer';
import type { HouseholdMatcher } from './linking/types';
import type { HouseholdDirectory } from './linking/household-directory';
import type { Viewer } from './access/roles';
import type { PersonalRead } from './access/personal';

/** What every request of a subgraph carries: its own unit of work and its own batched loaders. */
export interface SubgraphContext<Loaders = unknown> {
  em: EntityManager;
  loaders: Loaders;
  /** The caller, verified from the gateway's signed header; the public viewer when there is none. */
  viewer: Viewer;
  /** The gateway's request id (or this subgraph's own), for logs and the processing log. */
  requestId: string;
  /** Personal fields read in this request, written to the processing log when the response is sent. */
  personalReads: PersonalRead[];
  /** Whether households exist, asked of the registry's API (references are checked before they are stored). */
  householdDirectory: HouseholdDirectory;
}

/**
 * The contract between a subgraph folder and the shared platform. A subgraph declares what it owns
 * (entities, migrations, resolvers) and the platform does the rest (database, schema, HTTP, context).
 */
export interface SubgraphDefinition<Loaders = unknown> {
  /** Also the name of its PostgreSQL schema and of `schema/<name>.graphql`. */
  name: string;
  /** Port used when it runs on its own or inside the all-in-one hub. */
  defaultPort: number;
  entities: Constructor<object>[];
  /** Explicit list so that compiled and source runs find the same migrations. */
  migrations: MigrationObject[];
  resolvers: NonEmptyArray<Function>;
  /** Types that no resolver returns directly but the schema must contain (entity stubs). */
  orphanedTypes?: Function[];
  /** `__resolveReference` for each entity type this subgraph can resolve. */
  referenceResolvers: IResolvers<unknown, SubgraphContext<Loaders>>;
  createLoaders(em: EntityManager): Loaders;
  /** Idempotent reference data every deployment needs (places, say); runs after migrations at each start. */
  loadReferenceData?(em: EntityManager): Promise<void>;
  /** HTTP routes besides `/graphql` that the subgraph serves (ingest webhooks, EPCIS capture), alone or in the hub. */
  routes?(database: SubgraphDatabase, peers: SubgraphPeers): Route[];
  /** Credentials of its own (webhook secrets) that a production process must be given: see platform/server/secrets.ts. */
  secrets?(): SecretSetting[];
  /** Sources `nongsan import <name> <file>` can take into this subgraph. */
  importers?: Importer<any>[];
  /** The registry's household matching, for imports run in-process (the CLI). */
  createHouseholdMatcher?(em: EntityManager): HouseholdMatcher;
  /** The registry's household directory, for imports run in-process (the CLI). */
  createHouseholdDirectory?(em: EntityManager): HouseholdDirectory;
  /**
   * Recomputes the rollups the indicator reports read from the rows they sum (`npx nongsan rollups rebuild`, and
   * after bulk loads that deferred them); ingest keeps them current otherwise.
   */
  rebuildRollups?(em: EntityManager): Promise<{ table: string; rows: number }[]>;
}
