import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { IndicatorObservation } from './entities/indicator-observation';
import { IndicatorTargetSetting } from './entities/indicator-target';
import type { Denominators } from './resolvers/indicator-target.resolver';
import { ALL_CROPS } from './vocabulary';

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
