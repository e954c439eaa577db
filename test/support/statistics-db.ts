import type { EntityManager } from '@mikro-orm/postgresql';
import { openSubgraphDatabase, type SubgraphDatabase } from '../../platform/database/orm';
import type { SubgraphDefinition } from '../../platform/subgraph';
import { statistics } from '../../subgraphs/statistics';
import { hub, withDatabase } from './hub';

/** The statistics subgraph's database of the test hub, for running imports as the CLI would. */
export async function openStatisticsDatabase(): Promise<SubgraphDatabase & { em(): EntityManager }> {
  const database = await openSubgraphDatabase(statistics as SubgraphDefinition, hub().databaseUrl, { migrate: false });
  return Object.assign(database, { em: () => database.orm.em.fork() as EntityManager });
}

/** A fingerprint of a table's whole content (provenance included): equal before and after means nothing was written. */
export async function tableFingerprint(table: 'indicator_observation' | 'census_record'): Promise<string> {
  return withDatabase(async (client) => {
    const { rows } = await client.query(`select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t.id), '')) as digest from statistics.${table} t`);
    return `${rows[0].rows}:${rows[0].digest}`;
  });
}

/** Removes what the imports of a test file added, so the other files find the demo data as it was. */
export async function removeImported(): Promise<void> {
  await withDatabase(async (client) => {
    await client.query(`delete from statistics.indicator_observation where source like 'import:%'`);
    await client.query(`delete from statistics.census_record where source like 'import:%'`);
  });
}
