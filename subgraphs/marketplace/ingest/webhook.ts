import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphDatabase } from '../../../platform/database/orm';
import { ImportRejected } from '../../../platform/ingest/problems';
import { verifySignature } from '../../../platform/ingest/signed-webhook';
import { httpHouseholdMatcher } from '../../../platform/linking/http-matcher';
import type { HouseholdMatcher } from '../../../platform/linking/types';
import { json, type HttpRequest, type HttpResponse, type Route } from '../../../platform/server/http';
import type { SubgraphPeers } from '../../../platform/server/peers';
import { Platform } from '../vocabulary';
import { applyMarketplaceEvents, type AppliedBatch } from './apply-events';
import { parsePlatform, secretVariable, webhookSecret } from './credentials';
import { parseEventBatch } from './event-format';
import { HouseholdMatchingUnavailable } from './link-shops';

export const WEBHOOK_PATH = /^\/ingest\/marketplace\/([^/]+)\/?$/;

/**
 * `POST /ingest/marketplace/:platform`: a signed batch of events, taken in as one transaction, its shops linked to
 * households by the registry's matcher (over HTTP, as the registry may run elsewhere).
 */
export function marketplaceWebhookRoutes(database: SubgraphDatabase, peers: SubgraphPeers): Route[] {
  const matcher = httpHouseholdMatcher(peers);
  return [{ method: 'POST', path: WEBHOOK_PATH, handle: (request, [platformParam]) => receive(database.orm.em.fork() as EntityManager, matcher, request, platformParam) }];
}

async function receive(em: EntityManager, matcher: HouseholdMatcher, request: HttpRequest, platformParam: string): Promise<HttpResponse> {
  const platform = parsePlatform(platformParam);
  if (!platform) {
    return json(404, { error: `Unknown marketplace "${platformParam}": the hub takes events from ${Object.values(Platform).join(', ')}.` });
  }
  const secret = webhookSecret(platform);
  if (!secret) {
    return json(503, { error: `The hub has no secret for ${platform}: set ${secretVariable(platform)} to the secret the platform signs with.` });
  }
  const check = verifySignature(secret, request.headers, request.body, { windowSeconds: signatureWindowSeconds() });
  if (!check.valid) {
    return json(401, {
      error: `Signature refused for ${platform}: ${check.reason} Check that the platform signs with the same secret as ${secretVariable(platform)} on the hub.`,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8'));
  } catch (error) {
    return json(400, { error: `The body is not valid JSON: ${(error as Error).message}`, problems: [] });
  }
  const batch = parseEventBatch(body);
  if (!batch.events) return refused(platform, batch.problems.length, batch.problems);
  try {
    const applied: AppliedBatch = await em.transactional((tx) => applyMarketplaceEvents(tx as EntityManager, platform, batch.events, 'webhook', matcher));
    return json(200, applied);
  } catch (error) {
    if (error instanceof ImportRejected) return refused(platform, error.problems.length, error.problems);
    // A platform re-sends a batch answered with 503: nothing of it was taken in, so nothing is lost or doubled.
    if (error instanceof HouseholdMatchingUnavailable) return json(503, { error: `Nothing was taken in: ${error.message}. Send the request again later.` });
    throw error;
  }
}

function refused(platform: Platform, count: number, problems: unknown[]): HttpResponse {
  return json(400, {
    error: `Nothing was taken in: ${count} problem${count === 1 ? '' : 's'} in the ${platform} events. Fix them and send the whole request again.`,
    problems,
  });
}

function signatureWindowSeconds(): number | undefined {
  const configured = Number(process.env.MARKETPLACE_SIGNATURE_WINDOW_SECONDS);
  return Number.isFinite(configured) && configured > 0 ? configured : undefined;
}
