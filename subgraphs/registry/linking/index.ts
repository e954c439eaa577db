export { createRegistryMatcher, LINK_THRESHOLD, REVIEW_THRESHOLD, AMBIGUITY_BITS } from './matcher';
export { householdMatchRoute } from './match-route';
export { householdIdentityColumns } from './identity-columns';
