import type { SubgraphDatabase } from '../../../platform/database/orm';
import { HOUSEHOLD_MATCH_PATH, MAX_EVIDENCE_PER_REQUEST, type HouseholdMatchResponse } from '../../../platform/linking/http-matcher';
import type { IdentityEvidence } from '../../../platform/linking/types';
import { json, type HttpRequest, type HttpResponse, type Route } from '../../../platform/server/http';
import { carriesInternalToken, internalToken } from '../../../platform/server/internal-token';
import { createRegistryMatcher } from './matcher';

const EVIDENCE_FIELDS: (keyof IdentityEvidence)[] = ['nationalIdHash', 'nationalIdKind', 'registrationCode', 'phone', 'name', 'communeCode', 'village'];

/**
 * `POST /internal/households/match` with `{ "evidence": [IdentityEvidence, ...] }` answers `{ "matches": [...] }`
 * in the same order. Only for the hub's services (internal token): it reveals whether a person is registered.
 * Nothing of the request is logged.
 */
export function householdMatchRoute(database: SubgraphDatabase): Route {
  return {
    method: 'POST',
    path: HOUSEHOLD_MATCH_PATH,
    async handle(request): Promise<HttpResponse> {
      const token = internalToken();
      if (!token) return json(503, { error: 'NONGSAN_INTERNAL_TOKEN is not set on the registry: internal routes are closed' });
      if (!carriesInternalToken(request, token)) {
        return json(401, { error: 'This route is for the hub\'s own services: send the internal token as "authorization: Bearer <token>"' });
      }
      const parsed = readEvidence(request);
      if ('error' in parsed) return json(400, { error: parsed.error });
      const matches = await createRegistryMatcher(database.orm.em.fork()).match(parsed.evidence);
      const response: HouseholdMatchResponse = { matches };
      return json(200, response);
    },
  };
}

function readEvidence(request: HttpRequest): { evidence: IdentityEvidence[] } | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8'));
  } catch {
    return { error: 'The request body is not valid JSON.' };
  }
  const evidence = (body as { evidence?: unknown } | null)?.evidence;
  if (!Array.isArray(evidence)) return { error: 'Expected {"evidence": [...]}: a list of {nationalIdHash, nationalIdKind, registrationCode, phone, name, communeCode, birthYear, village}.' };
  if (evidence.length > MAX_EVIDENCE_PER_REQUEST) return { error: `At most ${MAX_EVIDENCE_PER_REQUEST} records per request; this one has ${evidence.length}.` };
  for (const [index, item] of evidence.entries()) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return { error: `evidence[${index}] must be an object` };
    for (const field of EVIDENCE_FIELDS) {
      const value = (item as Record<string, unknown>)[field];
      if (value !== undefined && value !== null && typeof value !== 'string') return { error: `evidence[${index}].${field} must be a string or null` };
    }
    const birthYear = (item as IdentityEvidence).birthYear;
    if (birthYear !== undefined && birthYear !== null && !Number.isInteger(birthYear)) return { error: `evidence[${index}].birthYear must be a whole year or null` };
  }
  return { evidence: evidence as IdentityEvidence[] };
}
