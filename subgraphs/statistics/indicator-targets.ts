import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { IndicatorObservation } from './entities/indicator-observation';
import { IndicatorTargetSetting } from './entities/indicator-target';
import type { Denominators } from './resolvers/indicator-target.resolver';
import { ALL_CROPS } from './vocabulary';
import { INDICATORS, indicator } from '../../platform/indicators/definitions';
import { parseReportScope } from '../../platform/indicators/scope';

export interface ScopeYear {
  scope: string;
  year: number;
}

const keyOf = ({ scope, year }: ScopeYear): string => `${scope}|${year}`;

/** Targets officials set, for the scopes and years of a tick, in one statement. */
export function indicatorTargetsLoader(em: EntityManager): DataLoader<ScopeYear, IndicatorTargetSetting[], string> {
  return new DataLoader(async (keys) => {
    const rows = await em.find(IndicatorTargetSetting, { $or: keys.map(({ scope, year }) => ({ scope, year })) });
    return keys.map((key) => rows.filter((row) => keyOf(row) === keyOf(key)));
  }, { cacheKeyFn: keyOf });
}

/**
 * The denominators of percentage targets, for the scopes and years of a tick, in one statement: the statistics
 * office's farming households and farm output of the province (the nation: all provinces), from the latest year
 * of the series up to the report's year. Farming households come from the all-crops series ("_T": per-crop counts
 * count a household once per crop); output adds up over crops when there is no all-crops series. Communes: none.
 */
export function indicatorDenominatorsLoader(em: EntityManager): DataLoader<ScopeYear, Denominators, string> {
  return new DataLoader(async (keys) => {
    const provinceScoped = keys.filter(({ scope }) => /^\d{2}$/.test(scope));
    const national = keys.some(({ scope }) => scope === 'VN');
    const maxYear = Math.max(...keys.map(({ year }) => year));
    const wanted = national || provinceScoped.length ? await em.find(
      IndicatorObservation,
      { year: { $lte: maxYear }, ...(national ? {} : { provinceCode: { $in: [...new Set(provinceScoped.map(({ scope }) => scope))] } }) },
      { fields: ['provinceCode', 'crop', 'year', 'farmingHouseholds', 'productionTonnes'] },
    ) : [];
    return keys.map(({ scope, year }) => {
      if (scope !== 'VN' && !/^\d{2}$/.test(scope)) return { FARMING_HOUSEHOLDS: null, PRODUCTION: null };
      const rows = wanted.filter((row) => row.year <= year && (scope === 'VN' || row.provinceCode === scope));
      return {
        FARMING_HOUSEHOLDS: latest(rows.filter((row) => row.crop === ALL_CROPS && row.farmingHouseholds != null), (row) => row.farmingHouseholds!),
        PRODUCTION: latest(
          rows.some((row) => row.crop === ALL_CROPS && row.productionTonnes != null)
            ? rows.filter((row) => row.crop === ALL_CROPS && row.productionTonnes != null)
            : rows.filter((row) => row.crop !== ALL_CROPS && row.productionTonnes != null),
          (row) => row.productionTonnes!,
        ),
      };
    });
  }, { cacheKeyFn: keyOf });
}

/** The sum over the latest year present in `rows`. */
type Observation = Pick<IndicatorObservation, 'provinceCode' | 'crop' | 'year' | 'farmingHouseholds' | 'productionTonnes'>;

function latest(rows: Observation[], value: (row: Observation) => number): { value: number; year: number } | null {
  if (!rows.length) return null;
  const year = Math.max(...rows.map((row) => row.year));
  return { year, value: rows.filter((row) => row.year === year).reduce((sum, row) => sum + value(row), 0) };
}

/** A target as the mutation or a CSV row gives it. */
export interface TargetFields {
  scope: string;
  year: number;
  code: string;
  percent?: number | null;
  absolute?: number | null;
}

/** What is wrong with a target, for the mutation and the CSV import alike; undefined when it can be set. */
export function targetProblem(target: TargetFields): { field: 'code' | 'scope' | 'year' | 'percent' | 'absolute'; message: string } | undefined {
  if (!INDICATORS.some(({ code }) => code === target.code)) return { field: 'code', message: `no indicator "${target.code}"; codes are ${INDICATORS.map(({ code }) => code).join(', ')}` };
  try {
    parseReportScope(target.scope, 'targets');
  } catch (error) {
    return { field: 'scope', message: (error as Error).message };
  }
  if (!Number.isInteger(target.year) || target.year < 2021 || target.year > 2100) return { field: 'year', message: 'the year must be from 2021 (the plans\' first) to 2100' };
  const hasPercent = target.percent != null;
  if (hasPercent === (target.absolute != null)) return { field: 'percent', message: 'give either percent or absolute' };
  if (hasPercent && !(target.percent! > 0 && target.percent! <= 1000)) return { field: 'percent', message: 'percent must be above 0 and at most 1000' };
  if (!hasPercent && !(target.absolute! >= 0 && Number.isFinite(target.absolute!))) return { field: 'absolute', message: 'absolute must be a number of at least 0' };
  if (hasPercent && 'absolute' in indicator(target.code).target) return { field: 'percent', message: `${target.code} has no denominator; give an absolute target` };
  return undefined;
}

export function targetSetting(target: TargetFields, setBy: string): IndicatorTargetSetting {
  return Object.assign(new IndicatorTargetSetting(), {
    scope: parseReportScope(target.scope, 'targets').id, year: target.year, code: target.code, percent: target.percent ?? null, absolute: target.absolute ?? null, setBy, updatedAt: new Date(),
  });
}
