import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphDatabase } from '../../../platform/database/orm';
import { selectWhereAny } from '../../../platform/database/select-where-any';
import {
  HOUSEHOLDS_KNOWN_PATH,
  MAX_IDS_PER_REQUEST,
  type HouseholdDirectory,
  type HouseholdsKnownResponse,
} from '../../../platform/linking/household-directory';
import { json, type HttpRequest, type HttpResponse, type Route } from '../../../platform/server/http';
import { carriesInternalToken, internalToken } from '../../../platform/server/internal-token';
import { Household } from '../entities/household';

/** The registry's own answer: which of the ids are registered households, and their communes, in one statement per batch. */
export function createRegistryDirectory(em: EntityManager): HouseholdDirectory {
  const communesOf = async (ids: string[]): Promise<Map<string, string>> => {
    const rows = await selectWhereAny<{ id: string; communeCode: string }>(em, Household, ['id', 'communeCode'], 'id', [...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, row.communeCode]));
  };
  return {
    communesOf,
    async unknownIds(ids) {
      const known = await communesOf(ids);
      return [...new Set(ids)].filter((id) => !known.has(id));
    },
  };
}

/**
 * `POST /internal/households/known` with `{ "ids": [...] }` answers `{ "known": [...], "communes": { id: code } }`: the ids
 * that are registered, and the commune each is in now (other subgraphs place their records by it).
 * Internal (token), like the matching route: it tells whether a household exists.
 */
export function householdsKnownRoute(database: SubgraphDatabase): Route {
  return {
    method: 'POST',
    path: HOUSEHOLDS_KNOWN_PATH,
    async handle(request): Promise<HttpResponse> {
      const token = internalToken();
      if (!token) return json(503, { error: 'NONGSAN_INTERNAL_TOKEN is not set on the registry: internal routes are closed' });
      if (!carriesInternalToken(request, token)) {
        return json(401, { error: 'This route is for the hub\'s own services: send the internal token as "authorization: Bearer <token>"' });
      }
      const parsed = readIds(request);
      if ('error' in parsed) return json(400, { error: parsed.error });
      const communes = await createRegistryDirectory(database.orm.em.fork()).communesOf(parsed.ids);
      const response: HouseholdsKnownResponse = { known: [...communes.keys()], communes: Object.fromEntries(communes) };
      return json(200, response);
    },
  };
}

function readIds(request: HttpRequest): { ids: string[] } | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8'));
  } catch {
    return { error: 'The request body is not valid JSON.' };
  }
  const ids = (body as { ids?: unknown } | null)?.ids;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) return { error: 'Expected {"ids": [...]}: a list of household ids.' };
  if (ids.length > MAX_IDS_PER_REQUEST) return { error: `At most ${MAX_IDS_PER_REQUEST} ids per request; this one has ${ids.length}.` };
  return { ids: ids as string[] };
}
