import type { GraphQLSchema } from 'graphql';
import type { HttpRequest, HttpResponse } from '../server/http';
import { RateLimiter } from '../server/rate-limit';
import { checkCost, checkDocument, isRefusal, LIMIT_ROLES, type CheckedDocument, type LimitRole, type LimitSettings, type Refusal } from './limits';
import { operationHash, type PersistedOperations } from './persisted-operations';

/** A viewer scope (platform/access) that puts one key in safelist-only mode whatever its role's setting. */
export const SAFELIST_ONLY_SCOPE = 'operations:safelisted';

export interface AdmissionOptions {
  /** The schema operations run against (the gateway's API schema, or a subgraph's); limits wait until it is known. */
  schema(): GraphQLSchema | undefined;
  settings: LimitSettings;
  /** The safelist; without it, persisted-query hashes are not accepted. */
  operations?: PersistedOperations;
  /** Per-caller request rates; the gateway counts them, subgraphs behind it do not. */
  rateLimits?: boolean;
}

/** What the door decided: refused with an answer, or let through (with the persisted query's text filled in). */
export type Admission = { response: HttpResponse } | { search?: string } | undefined;

interface GraphqlParams {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: { persistedQuery?: { sha256Hash?: string } } & Record<string, unknown>;
}

interface ViewerLike {
  role?: string;
  subject?: string;
  scopes?: string[];
}

const CACHED_DOCUMENTS = 500;
/** Documents up to this size keep their hash in memory (the gateway's subgraph queries are a few hundred bytes). */
const MEMO_HASH_BELOW = 8 * 1024;

/**
 * The checks every GraphQL request passes before the server parses, validates or plans it: the rate per caller, the
 * persisted-operations safelist, and the document limits of the caller's role (platform/graphql/limits.ts). They
 * are cheap, so a hostile document is refused in microseconds and no subgraph ever sees it.
 */
export function createAdmission(options: AdmissionOptions) {
  const limiter = new RateLimiter();
  // Parsing and the structural checks depend only on the document and the role.
  const documents = new Map<string, CheckedDocument | Refusal>();
  // The same few documents come again and again: their sha256 is computed once.
  const hashes = new Map<string, string>();
  const hashOf = (query: string): string => {
    if (query.length > MEMO_HASH_BELOW) return operationHash(query);
    return hashes.get(query) ?? remember(hashes, query, operationHash(query));
  };

  return async function admit(request: HttpRequest, body: unknown, context: () => Promise<unknown>): Promise<Admission> {
    const isGet = request.method === 'GET';
    const params = isGet ? paramsFromSearch(request.search) : isPlainObject(body) ? (body as GraphqlParams) : undefined;
    // Batches, empty bodies and wrong types are for Apollo Server to answer.
    if (!params) return undefined;

    let viewer: ViewerLike | undefined;
    try {
      viewer = ((await context()) as { viewer?: ViewerLike } | undefined)?.viewer;
    } catch {
      return undefined; // a bad credential: Apollo Server reports the context's error
    }
    const role: LimitRole = (LIMIT_ROLES as readonly string[]).includes(viewer?.role ?? '') ? (viewer!.role as LimitRole) : 'public';
    const limits = options.settings.roles[role];

    if (options.rateLimits) {
      const key = role === 'public' || !viewer?.subject ? `address:${request.remoteAddress ?? 'unknown'}` : `subject:${viewer.subject}`;
      const wait = limiter.take(key, limits.rate.requests, limits.rate.seconds);
      if (wait > 0) {
        return refuse(
          {
            status: 429,
            code: 'RATE_LIMITED',
            message: `Too many requests: the ${role} role allows ${limits.rate.requests} per ${limits.rate.seconds} s. Retry after ${wait} s, or use a key with a higher rate.`,
          },
          { 'retry-after': String(wait) },
        );
      }
    }

    let query = typeof params.query === 'string' ? params.query : undefined;
    let replaced = false;
    const hash = params.extensions?.persistedQuery?.sha256Hash;
    if (typeof hash === 'string') {
      if (query === undefined) {
        const persisted = options.operations?.get(hash);
        if (!persisted) {
          return refuse({ status: 400, code: 'PERSISTED_QUERY_NOT_FOUND', message: `PersistedQueryNotFound: no operation with hash ${hash} in the hub's manifest; send the full query.` });
        }
        query = persisted.body;
        replaced = true;
      } else if (hashOf(query) !== hash.toLowerCase()) {
        return refuse({ status: 400, code: 'BAD_REQUEST', message: 'The sha256Hash in extensions.persistedQuery is not the hash of the query sent.' });
      }
      // The hub answers persisted queries here; Apollo Server's own cache of them is off.
      delete params.extensions!.persistedQuery;
      replaced = true;
    }
    if (query === undefined) return undefined;

    const safelistOnly = limits.safelistOnly || (viewer?.scopes ?? []).includes(SAFELIST_ONLY_SCOPE);
    if (safelistOnly && !options.operations?.get(hashOf(query))) {
      return refuse({
        status: 403,
        code: 'OPERATION_NOT_SAFELISTED',
        message: 'This key may run only the operations of the hub\'s persisted-operations manifest, and this document is not one of them: ask the hub\'s operators to add it.',
      });
    }

    const schema = options.schema();
    if (schema) {
      // Keyed by hash: 500 distinct 256 KB documents must not pin 128 MB of text.
      const cacheKey = `${role}\n${params.operationName ?? ''}\n${hashOf(query)}`;
      const checked = documents.get(cacheKey) ?? remember(documents, cacheKey, checkDocument(schema, query, params.operationName ?? undefined, limits, role));
      if (isRefusal(checked)) return refuse(checked);
      const tooCostly = checkCost(schema, checked, params.variables ?? undefined, limits, role, options.settings.assumedListSize);
      if (tooCostly) return refuse(tooCostly);
    }

    if (!replaced) return undefined;
    if (!isGet) {
      (params as GraphqlParams).query = query;
      return undefined;
    }
    const search = new URLSearchParams(request.search);
    search.set('query', query);
    search.set('extensions', JSON.stringify(params.extensions ?? {}));
    return { search: `?${search.toString()}` };
  };
}

/** Keeps `value` under `key`, the oldest entry making room once CACHED_DOCUMENTS are kept. */
function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHED_DOCUMENTS) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

function refuse(refusal: Refusal, headers: Record<string, string> = {}): Admission {
  const extensions = { code: refusal.code, ...(refusal.reason ? { limit: refusal.reason } : {}) };
  return {
    response: {
      status: refusal.status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body: JSON.stringify({ errors: [{ message: refusal.message, extensions }] }),
    },
  };
}

function paramsFromSearch(search: string): GraphqlParams | undefined {
  const values = new URLSearchParams(search);
  const params: GraphqlParams = {};
  const query = values.get('query');
  if (query !== null) params.query = query;
  const operationName = values.get('operationName');
  if (operationName) params.operationName = operationName;
  for (const name of ['variables', 'extensions'] as const) {
    const raw = values.get(name);
    if (!raw) continue;
    try {
      params[name] = JSON.parse(raw);
    } catch {
      return undefined; // Apollo Server names the bad parameter
    }
  }
  return params;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
