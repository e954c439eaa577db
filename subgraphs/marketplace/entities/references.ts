import { indicatorReportReference } from '../../../platform/indicators/graphql';
import { communeReference, householdReference, provinceReference } from '../../../platform/graphql/entity-references';

/*
 * Entities owned by the registry. The marketplace only knows their keys: it adds fields to `Household` and
 * `Province` (so it resolves references to them) and merely points to `Commune`.
 */

export const Household = householdReference();
export type Household = InstanceType<typeof Household>;

export const Province = provinceReference();
export type Province = InstanceType<typeof Province>;

export const Commune = communeReference();
export type Commune = InstanceType<typeof Commune>;

/** The registry's indicator report, to which the marketplace adds its rows. */
export const IndicatorReport = indicatorReportReference();
export type IndicatorReport = InstanceType<typeof IndicatorReport>;
