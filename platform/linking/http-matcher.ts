import { internalAuthorization } from '../server/internal-token';
import { subgraphTimeoutMs, type SubgraphPeers } from '../server/peers';
import type { HouseholdMatch, HouseholdMatcher, IdentityEvidence } from './types';

/** The registry's matching route: internal (it tells whether a person is registered), never in the public graph. */
export const HOUSEHOLD_MATCH_PATH = '/internal/households/match';
/** Evidence per request; the client splits bigger batches. */
export const MAX_EVIDENCE_PER_REQUEST = 1000;

export interface HouseholdMatchRequest {
  evidence: IdentityEvidence[];
}

export interface HouseholdMatchResponse {
  matches: HouseholdMatch[];
}

/**
 * Matches through the registry over HTTP, for the subgraphs that link their records to households (the census
 * import, marketplace shops): one request per thousand records, answers in the order of the evidence.
 */
export function httpHouseholdMatcher(peers: SubgraphPeers, options: { token?: string; fetch?: typeof fetch } = {}): HouseholdMatcher {
  const send = options.fetch ?? fetch;
  return {
    async match(evidence) {
      const url = `${peers.baseUrl('registry')}${HOUSEHOLD_MATCH_PATH}`;
      const matches: HouseholdMatch[] = [];
      for (let start = 0; start < evidence.length; start += MAX_EVIDENCE_PER_REQUEST) {
        const batch = evidence.slice(start, start + MAX_EVIDENCE_PER_REQUEST);
        const request: HouseholdMatchRequest = { evidence: batch };
        const response = await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...internalAuthorization(options.token) },
          body: JSON.stringify(request),
          // A frozen registry holds no import or webhook for ever: REGISTRY_TIMEOUT_MS or SUBGRAPH_TIMEOUT_MS.
          signal: AbortSignal.timeout(subgraphTimeoutMs('registry')),
        }).catch((error: Error & { cause?: { code?: string; message?: string } }) => {
          // fetch says only "fetch failed": name the registry's URL and the network's reason.
          throw new Error(`the registry's household matching at ${url} could not be reached (${error.cause?.code ?? error.cause?.message ?? error.message}); is the registry subgraph running, and REGISTRY_URL right?`);
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`Household matching at ${url} answered ${response.status}: ${text.slice(0, 300)}`);
        const answer = JSON.parse(text) as HouseholdMatchResponse;
        if (!Array.isArray(answer.matches) || answer.matches.length !== batch.length) {
          throw new Error(`Household matching at ${url} answered ${answer.matches?.length ?? 'no'} matches for ${batch.length} records`);
        }
        matches.push(...answer.matches);
      }
      return matches;
    },
  };
}
