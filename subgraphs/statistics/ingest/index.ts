import type { Importer } from '../../../platform/ingest/importer';
import { censusImporter } from './census-importer';
import { statisticsImporter } from './statistics-importer';
import { indicatorTargetsImporter } from './targets-importer';

/** What `npx nongsan import statistics|census <file>` runs. */
export const statisticsImporters: Importer<unknown>[] = [statisticsImporter, censusImporter, indicatorTargetsImporter as Importer<unknown>];

export { censusImporter, CENSUS_COLUMNS, MATCH_BATCH } from './census-importer';
export { createStatisticsImporter, statisticsImporter } from './statistics-importer';
export { DEFAULT_SDMX_MAPPING, mappingFileFor, readMappingFile, SDMX_ROLE_COLUMNS, type SdmxMapping } from './sdmx/mapping';
export { readSdmxMessage, type SdmxFormat, type SdmxMessage } from './sdmx/message';
