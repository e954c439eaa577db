import { internalAuthorization } from '../server/internal-token';
import { subgraphTimeoutMs, type SubgraphPeers } from '../server/peers';

/**
 * Whether households exist, asked of the registry that owns them (never read from its tables by another subgraph):
 * a settled link or an imported certificate naming a household the registry does not know is refused, not stored.
 */
export interface HouseholdDirectory {
  /** The ids among `ids` the registry does not know, in the order given, each once. */
  unknownIds(ids: string[]): Promise<string[]>;
  /** The current commune of each registered household among `ids` (unknown ones are absent), as the registry has it now. */
  communesOf(ids: string[]): Promise<Map<string, string>>;
}

/** The registry's route: internal, it tells whether an id is registered. */
export const HOUSEHOLDS_KNOWN_PATH = '/internal/households/known';
/** Ids per request; the client splits bigger batches. */
export const MAX_IDS_PER_REQUEST = 1000;

export interface HouseholdsKnownRequest {
  ids: string[];
}

export interface HouseholdsKnownResponse {
  /** The ids of the request that are registered households. */
  known: string[];
  /** Their current communes, by id. */
  communes: Record<string, string>;
}

/**
 * The registry is down or answered nonsense: references cannot be checked, so the write is refused whole (nothing is
 * stored unchecked). Its message names the registry and what to do, never its address.
 */
export class HouseholdDirectoryUnavailable extends Error {
  constructor(readonly detail: string) {
    super('The household registry could not be asked whether these households exist; nothing was written. Try again when the registry subgraph is back.');
    this.name = 'HouseholdDirectoryUnavailable';
  }
}

/** One request per thousand distinct ids to the registry's `/internal/households/known`. */
export function httpHouseholdDirectory(peers: SubgraphPeers, options: { token?: string; fetch?: typeof fetch; timeoutMs?: number } = {}): HouseholdDirectory {
  const send = options.fetch ?? fetch;
  const communesOf = async (ids: string[]): Promise<Map<string, string>> => {
    const distinct = [...new Set(ids)];
    const communes = new Map<string, string>();
    const url = `${peers.baseUrl('registry')}${HOUSEHOLDS_KNOWN_PATH}`;
    for (let start = 0; start < distinct.length; start += MAX_IDS_PER_REQUEST) {
      const request: HouseholdsKnownRequest = { ids: distinct.slice(start, start + MAX_IDS_PER_REQUEST) };
      let response: Response;
      try {
        response = await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...internalAuthorization(options.token) },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(options.timeoutMs ?? subgraphTimeoutMs('registry')),
        });
      } catch (error) {
        const cause = (error as Error & { cause?: { code?: string } }).cause;
        throw new HouseholdDirectoryUnavailable(`${url}: ${cause?.code ?? (error as Error).message}`);
      }
      const text = await response.text();
      if (!response.ok) throw new HouseholdDirectoryUnavailable(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
      const answer = JSON.parse(text) as HouseholdsKnownResponse;
      if (!Array.isArray(answer.known) || typeof answer.communes !== 'object' || !answer.communes) throw new HouseholdDirectoryUnavailable(`${url} answered without "known" and "communes"`);
      for (const id of answer.known) communes.set(id, answer.communes[id]);
    }
    return communes;
  };
  return {
    communesOf,
    async unknownIds(ids) {
      const known = await communesOf(ids);
      return [...new Set(ids)].filter((id) => !known.has(id));
    },
  };
}
