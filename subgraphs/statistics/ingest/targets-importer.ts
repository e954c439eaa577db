import type { EntityManager } from '@mikro-orm/postgresql';
import type { ColumnSpec } from '../../../platform/ingest/columns';
import { rejectRepeatedKeys, type Importer } from '../../../platform/ingest/importer';
import { readMappedRows } from '../../../platform/ingest/mapped-rows';
import { parseDecimal } from '../../../platform/ingest/values';
import { IndicatorTargetSetting } from '../entities/indicator-target';
import { targetProblem, targetSetting, type TargetFields } from '../indicator-targets';

type TargetColumn = 'scope' | 'year' | 'code' | 'percent' | 'absolute';

const COLUMNS: ColumnSpec<TargetColumn>[] = [
  { key: 'scope', headers: ['Phạm vi', 'Mã địa bàn', 'Scope'], required: true, description: '"VN", a province code (2 digits) or a commune code (5 digits)', example: '20' },
  { key: 'year', headers: ['Năm', 'Year'], required: true, description: 'The plan year', example: '2026' },
  { key: 'code', headers: ['Mã chỉ tiêu', 'Chỉ tiêu', 'Code'], required: true, description: 'Indicator code, I.1 to III.5', example: 'II.6' },
  { key: 'percent', headers: ['Tỉ lệ (%)', 'Tỷ lệ (%)', 'Percent'], required: false, description: 'A share of the indicator\'s denominator, in %; a decimal comma is fine', example: '70' },
  { key: 'absolute', headers: ['Số tuyệt đối', 'Chỉ tiêu số', 'Absolute'], required: false, description: 'An absolute number in the indicator\'s unit (give this or the percentage)', example: '30' },
];

/** `npx nongsan import indicator-targets <file>`: the same targets `setIndicatorTargets` sets, for many scopes at once. */
export const indicatorTargetsImporter: Importer<TargetFields> = {
  name: 'indicator-targets',
  title: 'Indicator targets per scope and year (percentage of a denominator or absolute), as officials set them',
  subgraph: 'statistics',
  formats: 'CSV or XLSX, one target per row',
  columns: COLUMNS,
  notes: ['Give the percentage or the absolute number, not both; a row replaces the target already set for its scope, year and code.'],

  read(file, options) {
    return readMappedRows(file, options, COLUMNS, (cells, reading) => {
      const number = (key: 'percent' | 'absolute'): number | null | undefined => {
        if (!cells[key].trim()) return null;
        const parsed = parseDecimal(cells[key]);
        if ('problem' in parsed) return void reading.problem(key, parsed.problem, cells[key]);
        return parsed.value;
      };
      const year = /^\d{4}$/.test(cells.year.trim()) ? Number(cells.year.trim()) : undefined;
      if (year === undefined) reading.problem('year', `"${cells.year}" is not a year (four digits)`, cells.year);
      const [percent, absolute] = [number('percent'), number('absolute')];
      if (year === undefined || percent === undefined || absolute === undefined) return undefined;
      const target = { scope: cells.scope.trim(), year, code: cells.code.trim().toUpperCase(), percent, absolute } as TargetFields;
      const problem = targetProblem(target);
      if (problem) return void reading.problem(problem.field, problem.message, cells[problem.field]);
      return target;
    });
  },

  async check(_em, candidates) {
    rejectRepeatedKeys(candidates, (target) => `${target.scope}|${target.year}|${target.code}`, 'Mã chỉ tiêu', 'scope, year and indicator');
  },

  async write(em: EntityManager, accepted, context) {
    const settings = accepted.map(({ record }) => targetSetting(record!, `${context.source}:${context.origin}`));
    const replaced = await em.count(IndicatorTargetSetting, { $or: settings.map(({ scope, year, code }) => ({ scope, year, code })) });
    await em.upsertMany(IndicatorTargetSetting, settings);
    return { inserted: settings.length - replaced, updated: replaced, unchanged: 0 };
  },
};
