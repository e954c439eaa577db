import type { Importer } from '../../../platform/ingest';
import { householdListImporter } from './household-list';

/** What `nongsan import` can take into the registry: `registry` (household lists). */
export const registryImporters: Importer<any>[] = [householdListImporter];

export { householdListImporter, type HouseholdListRecord } from './household-list';
export { HOUSEHOLD_LIST_COLUMNS } from './household-list-columns';
