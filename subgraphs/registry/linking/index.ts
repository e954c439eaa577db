export { createRegistryMatcher, LINK_THRESHOLD, REVIEW_THRESHOLD, AMBIGUITY_MARGIN, CONFIDENCE } from './matcher';
export { householdMatchRoute } from './match-route';
export { householdIdentityColumns } from './identity-columns';
