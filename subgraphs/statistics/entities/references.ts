import { communeReference, householdReference, provinceReference } from '../../../platform/graphql/entity-references';

/** The registry's household, extended here with its census record. */
export const Household = householdReference();
export type Household = InstanceType<typeof Household>;

/** The registry's province, extended here with its indicator series. */
export const Province = provinceReference();
export type Province = InstanceType<typeof Province>;

/** The registry's commune, pointed to by the review list. */
export const Commune = communeReference();
export type Commune = InstanceType<typeof Commune>;
