import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { SubgraphDefinition } from '../subgraph';
import { StatementCounter } from './statement-counter';
import { timeoutDriverOptions, type DatabaseTimeouts } from './timeouts';
import { PersonalDataRead, PROCESSING_LOG_MIGRATION } from '../access/processing-log';

export interface SubgraphDatabase {
  orm: MikroORM;
  statements: StatementCounter;
  close(): Promise<void>;
}

/**
 * What a database needs of its owner: a subgraph, or the gateway's access schema (API keys). Every subgraph
 * also gets the platform's processing log of personal-data reads; `processingLog: false` for the access schema.
 */
export type DatabaseOwner = Pick<SubgraphDefinition, 'name' | 'entities' | 'migrations'> & { processingLog?: boolean };

/**
 * The MikroORM configuration of one subgraph: its own PostgreSQL schema, its own migrations table; with `timeouts`
 * (a serving subgraph), the statement, pool and read limits of platform/database/timeouts.ts.
 */
export function ormOptions(subgraph: DatabaseOwner, url: string, timeouts?: DatabaseTimeouts): Options {
  const processingLog = subgraph.processingLog !== false;
  return {
    clientUrl: url,
    schema: subgraph.name,
    entities: processingLog ? [...subgraph.entities, PersonalDataRead] : subgraph.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: processingLog ? [...subgraph.migrations, PROCESSING_LOG_MIGRATION] : subgraph.migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      // The hub reports what it applied itself; MikroORM's per-migration lines would clutter tests.
      silent: true,
      allOrNothing: true,
      snapshot: false,
      path: `subgraphs/${subgraph.name}/migrations`,
      pathTs: `subgraphs/${subgraph.name}/migrations`,
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? '_' + name : ''}`,
    },
    // Each request forks its own EntityManager; a query on the global one is a bug.
    allowGlobalContext: false,
    pool: { min: 0, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
    debug: false,
    ...(timeouts ? timeoutDriverOptions(timeouts) : {}),
  };
}

/** Connects, applies pending migrations (never schema auto-update) and starts counting statements. */
export async function openSubgraphDatabase(
  subgraph: DatabaseOwner,
  url: string,
  { migrate = true, log = () => {}, timeouts }: { migrate?: boolean; log?: (line: string) => void; timeouts?: DatabaseTimeouts } = {},
): Promise<SubgraphDatabase> {
  if (migrate && timeouts) {
    // Migrations may rewrite big tables: they run without the serving limits, on a connection of their own.
    const migrating = await MikroORM.init(ormOptions(subgraph, url));
    try {
      await migrateUp(migrating, subgraph, log);
    } finally {
      await migrating.close(true);
    }
  }
  const orm = await MikroORM.init(ormOptions(subgraph, url, timeouts));
  if (migrate && !timeouts) await migrateUp(orm, subgraph, log);
  const statements = StatementCounter.attach(orm);
  return { orm, statements, close: () => orm.close(true) };
}

async function migrateUp(orm: MikroORM, subgraph: DatabaseOwner, log: (line: string) => void): Promise<void> {
  const applied = await orm.getMigrator().up();
  if (applied.length) log(`  ${subgraph.name}: applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
}
