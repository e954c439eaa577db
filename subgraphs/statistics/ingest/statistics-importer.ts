import type { Importer } from '../../../platform/ingest/importer';
import { effectiveMapping, SDMX_ROLE_COLUMNS, type SdmxMapping } from './sdmx/mapping';
import { readSdmxMessage } from './sdmx/message';
import { interpretMessage, type IndicatorValue } from './sdmx/observations';
import { writeIndicatorValues } from './sdmx/write';

/**
 * `nongsan import statistics <file>`: indicator tables of the statistics office as SDMX-CSV (1.0, 2.0, 2.1) or
 * SDMX-JSON, into `Province.indicators`. `mapping` replaces the mapping file otherwise read beside the input.
 */
export function createStatisticsImporter(options: { mapping?: Partial<SdmxMapping> } = {}): Importer<IndicatorValue> {
  return {
    name: 'statistics',
    title: 'Indicator tables of the statistics office (production, area, farming households per province, crop and year)',
    subgraph: 'statistics',
    formats: 'SDMX-CSV 1.0, 2.0 or 2.1 (.csv, told apart by the header) or SDMX-JSON (.json)',
    columns: SDMX_ROLE_COLUMNS,
    notes: [
      'Each column above is an SDMX component id; --columns {"area": "GEO"} names another one for a role.',
      'Areas: province codes or names, current (34) or old (63): old provinces merged on 1 July 2025 are summed into the current one.',
      'A mapping file <file>.mapping.json beside the input maps other codes: {"areas": {"ASIKHM001": "94", "ASIKHM": null}, "crops": {...}, "measures": {...}, "units": {...}, "dataflows": {"AGENCY:ID": {"crop": "Lúa", "measure": "PRODUCTION"}}, "ignore": [...]}.',
      'Values are scaled by 10^UNIT_MULT and by the unit (KG, TA = tạ, KM2...) into tonnes, hectares or households; YIELD is skipped (derived from production and area); empty or NaN values are skipped.',
      'Counts are of stored values (one per province, crop, year and measure).',
    ],
    async *read(file, { columns }) {
      const mapping = effectiveMapping(file, { mapping: options.mapping, columns });
      const message = await readSdmxMessage(file, { valueColumns: mapping.dimensions.value });
      yield* interpretMessage(file, message, mapping);
    },
    write: writeIndicatorValues,
  };
}

export const statisticsImporter = createStatisticsImporter();
