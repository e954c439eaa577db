import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { Candidate, ImportContext } from '../../../../platform/ingest/importer';
import { upsertByKey, type WriteCounts } from '../../../../platform/ingest/upsert';
import { IndicatorObservation, type MeasureSource } from '../../entities/indicator-observation';
import { INDICATOR_MEASURES, type IndicatorMeasure } from '../../vocabulary';
import { indicatorContentHash } from '../content';
import type { IndicatorValue } from './observations';

/** Keys per lookup statement: 3 bind parameters each, far under PostgreSQL's 65,535. */
const KEYS_PER_STATEMENT = 5000;
const MAX_SOURCE_REF = 255;

type Row = Pick<IndicatorObservation, 'provinceCode' | 'crop' | 'year' | 'productionTonnes' | 'areaHa' | 'farmingHouseholds' | 'measureSources'>;

/**
 * Writes the accepted values. Values of old provinces merged into one current province are summed (every stored
 * measure adds up across provinces); each (province, crop, year) row is merged with what is stored, measure by
 * measure, so that a message of production alone leaves the stored area alone. The counts are of stored values
 * (one per province, crop, year and measure): new, changed, or the same as stored. Rows whose values did not
 * change are not written at all, so a re-import leaves even their provenance as it was.
 */
export async function writeIndicatorValues(em: EntityManager, accepted: Candidate<IndicatorValue>[], context: ImportContext): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const incoming = new Map<string, { key: Pick<Row, 'provinceCode' | 'crop' | 'year'>; measures: Map<IndicatorMeasure, { value: number; refs: string[] }> }>();
  for (const { record } of accepted) {
    if (!record) continue;
    const rowKey = `${record.provinceCode}|${record.crop}|${record.year}`;
    let row = incoming.get(rowKey);
    if (!row) incoming.set(rowKey, (row = { key: { provinceCode: record.provinceCode, crop: record.crop, year: record.year }, measures: new Map() }));
    const sum = row.measures.get(record.measure);
    if (sum) {
      sum.value = Number((sum.value + record.value).toPrecision(12));
      sum.refs.push(record.ref);
    } else row.measures.set(record.measure, { value: record.value, refs: [record.ref] });
  }

  const stored = await storedRows(em, [...incoming.values()].map((row) => row.key));
  const importedAt = context.importedAt.toISOString();
  const changed: Partial<IndicatorObservation>[] = [];
  for (const [rowKey, row] of incoming) {
    const before = stored.get(rowKey);
    const after: Row = {
      ...row.key,
      productionTonnes: before?.productionTonnes ?? null,
      areaHa: before?.areaHa ?? null,
      farmingHouseholds: before?.farmingHouseholds ?? null,
      measureSources: { ...(before?.measureSources ?? {}) },
    };
    const refs: string[] = [];
    let rowChanged = false;
    for (const [measure, { value, refs: measureRefs }] of row.measures) {
      const column = INDICATOR_MEASURES[measure].column;
      const previous = after[column];
      if (previous === null || previous === undefined) counts.inserted += 1;
      else if (previous === value) {
        counts.unchanged += 1;
        continue;
      } else counts.updated += 1;
      rowChanged = true;
      after[column] = value;
      const source: MeasureSource = { source: context.source, ref: `${context.origin}#${measureRefs.join(',')}`, importedAt };
      after.measureSources![measure] = source;
      refs.push(...measureRefs);
    }
    if (!rowChanged) continue;
    const sourceRef = `${context.origin}#${refs.join(',')}`;
    changed.push({
      ...after,
      source: context.source,
      sourceRef: sourceRef.length > MAX_SOURCE_REF ? `${sourceRef.slice(0, MAX_SOURCE_REF - 3)}...` : sourceRef,
      importedAt: context.importedAt,
      contentHash: indicatorContentHash(after),
    });
  }
  await upsertByKey(em, IndicatorObservation, changed, { key: ['provinceCode', 'crop', 'year'] });
  return counts;
}

/** The stored rows of these keys, by "province|crop|year", a few thousand keys per statement. */
async function storedRows(em: EntityManager, keys: Pick<Row, 'provinceCode' | 'crop' | 'year'>[]): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
  for (let start = 0; start < keys.length; start += KEYS_PER_STATEMENT) {
    const batch = keys.slice(start, start + KEYS_PER_STATEMENT);
    const found: { province_code: string; crop: string; year: number; production_tonnes: number | null; area_ha: number | null; farming_households: number | null; measure_sources: Row['measureSources'] }[] =
      await knex('indicator_observation')
        .withSchema(em.config.get('schema')!)
        .select('province_code', 'crop', 'year', 'production_tonnes', 'area_ha', 'farming_households', 'measure_sources')
        .whereIn(['province_code', 'crop', 'year'], batch.map((key) => [key.provinceCode, key.crop, key.year]))
        .forUpdate();
    for (const row of found) {
      rows.set(`${row.province_code}|${row.crop}|${row.year}`, {
        provinceCode: row.province_code,
        crop: row.crop,
        year: row.year,
        productionTonnes: row.production_tonnes,
        areaHa: row.area_ha,
        farmingHouseholds: row.farming_households,
        measureSources: row.measure_sources,
      });
    }
  }
  return rows;
}
