import type { EntityManager } from '@mikro-orm/postgresql';
import { subgraphDatabaseUrl } from '../platform/database/default-database';
import { openSubgraphDatabase } from '../platform/database/orm';
import type { SubgraphDefinition } from '../platform/subgraph';
import { traceability } from '../subgraphs/traceability';
import { CaptureSourceClaim } from '../subgraphs/traceability/entities/capture-source-claim';
import { claimForSource } from '../subgraphs/traceability/ingest/epcis/source-claims';
import { runActionCommand } from './action-command';

export const SOURCES_HELP = `Usage:
  npx nongsan sources claim <source> [--gtin <GTIN>]... [--location <EPC URI>]...
  npx nongsan sources list

An EPCIS capture source writes events only about the GTINs and locations registered to it here. Its key is a
partner key whose scope is the source's name: npx nongsan keys create --role partner --scope <source> --owner <who>.`;

/** `nongsan sources ...`: the traceability subgraph's registrations of GTINs and locations to capture sources. */
export function sourcesCommand(args: string[]): Promise<number> {
  return runActionCommand(
    {
      name: 'sources',
      help: SOURCES_HELP,
      actions: ['claim', 'list'],
      options: { gtin: { type: 'string', multiple: true }, location: { type: 'string', multiple: true } },
      open: (url) => openSubgraphDatabase(traceability as unknown as SubgraphDefinition, subgraphDatabaseUrl('traceability', url)),
      run: async (action, { values, positionals }, database) => {
        const em = database.orm.em.fork() as EntityManager;
        if (action === 'claim') {
          if (positionals.length !== 1 || (!values.gtin?.length && !values.location?.length)) throw new Error('Usage: npx nongsan sources claim <source> --gtin <gtin> --location <EPC URI>');
          const added = await claimForSource(em, positionals[0], { gtins: values.gtin, locations: values.location });
          console.log(`Registered ${added} new GTIN(s) and location(s) to source ${positionals[0]}.`);
        } else {
          for (const claim of await em.find(CaptureSourceClaim, {}, { orderBy: { source: 'asc', kind: 'asc', value: 'asc' } })) console.log(`${claim.source}\t${claim.kind}\t${claim.value}`);
        }
      },
    },
    args,
  );
}
