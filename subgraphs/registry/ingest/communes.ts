/** The registry import resolves places with the shared resolver, like every other source. */
export { resolveCommune, type CommuneUnit as ResolvedCommune, type PlaceMatch } from '../../../platform/places';
import type { CommuneUnit, PlaceMatch } from '../../../platform/places';

export type CommuneResolution = PlaceMatch<CommuneUnit>;
