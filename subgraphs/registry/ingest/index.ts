import type { Importer } from '../../../platform/ingest';
import { householdListImporter } from './household-list';
import { informationItemsImporter } from './information-items';

/** What `nongsan import` can take into the registry: `registry` (household lists), `information-items` (III.1, III.2). */
export const registryImporters: Importer<any>[] = [householdListImporter, informationItemsImporter];

export { householdListImporter, type HouseholdListRecord } from './household-list';
export { HOUSEHOLD_LIST_COLUMNS } from './household-list-columns';
