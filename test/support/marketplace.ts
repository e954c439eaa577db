import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ormOptions } from '../../platform/database/orm';
import { httpHouseholdMatcher } from '../../platform/linking/http-matcher';
import type { HouseholdMatcher } from '../../platform/linking/types';
import { signatureHeaders } from '../../platform/ingest/signed-webhook';
import { marketplace } from '../../subgraphs/marketplace';
import { hub } from './hub';

export function webhookUrl(platform: string): string {
  return hub().subgraphUrls.marketplace.replace(/\/graphql$/, `/ingest/marketplace/${platform}`);
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown> & { error?: string; problems?: { eventIndex?: number; field?: string; message: string }[] };
}

/** Posts events as a platform does: JSON body, signed with the platform's secret (the development one by default). */
export async function sendEvents(
  platform: string,
  events: unknown[],
  { secret = `dev-${platform.toLowerCase()}-secret`, now = Date.now(), headers }: { secret?: string; now?: number; headers?: Record<string, string> } = {},
): Promise<WebhookAnswer> {
  const body = JSON.stringify({ events });
  const response = await fetch(webhookUrl(platform), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(secret, body, now), ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as WebhookAnswer['body'] };
}

/** The marketplace subgraph's database, opened as the command-line tool opens it (for the pull connector). */
export async function withMarketplaceDatabase<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(ormOptions(marketplace as never, hub().databaseUrl));
  try {
    return await work(orm.em.fork());
  } finally {
    await orm.close(true);
  }
}

/** The registry's household matching of the test hub, over HTTP as the marketplace subgraph uses it. */
export function hubHouseholdMatcher(): HouseholdMatcher {
  return httpHouseholdMatcher({ baseUrl: (name) => hub().subgraphUrls[name].replace(/\/graphql$/, '') });
}
