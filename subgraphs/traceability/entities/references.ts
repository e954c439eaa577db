import { indicatorReportReference } from '../../../platform/indicators/graphql';
import { communeReference, householdReference, listingReference } from '../../../platform/graphql/entity-references';

/*
 * Entities owned by other subgraphs. Traceability only holds their keys; the gateway fetches the rest from
 * the owner. `Household` and `Listing` are resolvable here because this subgraph adds fields to them.
 */

export const Household = householdReference();
export type Household = InstanceType<typeof Household>;

export const Listing = listingReference();
export type Listing = InstanceType<typeof Listing>;

export const Commune = communeReference();
export type Commune = InstanceType<typeof Commune>;

/** The registry's indicator report, to which traceability adds its rows. */
export const IndicatorReport = indicatorReportReference();
export type IndicatorReport = InstanceType<typeof IndicatorReport>;
