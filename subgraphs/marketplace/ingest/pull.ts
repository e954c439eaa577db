import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { fetchJsonWithRetry, type RetryOptions } from '../../../platform/ingest/fetch-with-retry';
import { ImportRejected } from '../../../platform/ingest/problems';
import type { HouseholdMatcher } from '../../../platform/linking/types';
import { Platform } from '../vocabulary';
import { applyMarketplaceEvents } from './apply-events';
import { MAX_EVENTS_PER_BATCH, parseEventBatch } from './event-format';
import { apiToken, parsePlatform, tokenVariable } from './credentials';

/**
 * A platform's events API, as the hub expects it (the same event format as the webhook):
 *   GET <baseUrl>/api/v1/events?limit=<n>[&cursor=<cursor>]   Authorization: Bearer <token>
 *   200 { "events": [...], "nextCursor": "<opaque>", "hasMore": true|false }
 * `nextCursor` points after the page's last event; with `hasMore` false the hub stops and starts from there next time.
 */
export interface EventsPage {
  events: unknown[];
  nextCursor?: string | null;
  hasMore?: boolean;
}

export interface PullOptions {
  /** The marketplace subgraph's database. */
  em: EntityManager;
  /** Links the pulled shops to registry households (the registry's matcher, in process or over HTTP). */
  householdMatcher: HouseholdMatcher;
  platform: Platform | string;
  /** e.g. "https://api.postmart.vn"; the path /api/v1/events is added. */
  baseUrl: string;
  /** Bearer token; defaults to MARKETPLACE_<PLATFORM>_TOKEN (outside production, to "dev-<platform>-token"). */
  token?: string;
  /** Start here instead of where the last pull stopped ("" starts from the beginning). */
  since?: string;
  /** Events per page asked for. */
  pageSize?: number;
  /** Stop after this many pages (the next pull goes on from there). */
  maxPages?: number;
  retry?: RetryOptions;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface PullSummary {
  platform: Platform;
  pages: number;
  /** Events received, duplicates included. */
  events: number;
  /** Events taken in for the first time. */
  newEvents: number;
  duplicates: number;
  retries: number;
  /** Shops of the pulled shop events, by where they stand in the linking to registry households. */
  shopLinks: { linked: number; review: number; unlinked: number };
  /** Where the next pull starts. */
  cursor: string | null;
}

/**
 * Pages through a platform's events since the stored cursor. Each page is taken in by the same code as the
 * webhook, in one transaction with the cursor that follows it: a crash between pages loses nothing and repeats
 * nothing, and a page served twice changes nothing. A page with an invalid event stops the pull (ImportRejected
 * naming the page and the event); the pages before it stay taken in.
 */
export async function pullMarketplace(options: PullOptions): Promise<PullSummary> {
  const platform = typeof options.platform === 'string' ? parsePlatform(options.platform) : options.platform;
  if (!platform) throw new Error(`Unknown marketplace "${options.platform}": use one of ${Object.values(Platform).join(', ')}.`);
  const token = options.token ?? apiToken(platform);
  if (!token) throw new Error(`No API token for ${platform}: set ${tokenVariable(platform)} or pass --token.`);
  const pageSize = Math.min(options.pageSize ?? 500, MAX_EVENTS_PER_BATCH);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const log = options.log ?? (() => {});
  const em = options.em.fork();

  let cursor: string | null = options.since !== undefined ? options.since || null : await storedCursor(em, platform, baseUrl);
  const summary: PullSummary = { platform, pages: 0, events: 0, newEvents: 0, duplicates: 0, retries: 0, shopLinks: { linked: 0, review: 0, unlinked: 0 }, cursor };
  for (;;) {
    if (options.maxPages !== undefined && summary.pages >= options.maxPages) break;
    const url = new URL(`${baseUrl}/api/v1/events`);
    url.searchParams.set('limit', String(pageSize));
    if (cursor) url.searchParams.set('cursor', cursor);
    const page = await fetchJsonWithRetry<EventsPage>(url.toString(), { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, {
      ...options.retry,
      onRetry: (retry) => {
        summary.retries += 1;
        log(`${platform}: ${retry.reason}; retrying in ${Math.round(retry.delayMs / 100) / 10} s`);
        options.retry?.onRetry?.(retry);
      },
    });
    const origin = `${platform} events page after cursor ${cursor ?? '(start)'}`;
    if (!Array.isArray(page.events)) throw new ImportRejected(origin, [{ field: 'events', message: 'The API answered without an "events" list.' }]);
    const next = page.nextCursor ?? null;
    if (page.events.length > 0) {
      const batch = parseEventBatch(page);
      if (!batch.events) throw new ImportRejected(origin, batch.problems);
      const applied = await em
        .transactional(async (tx) => {
          const result = await applyMarketplaceEvents(tx as EntityManager, platform, batch.events, 'pull', options.householdMatcher);
          if (next) await storeCursor(tx as EntityManager, platform, next, baseUrl, batch.events.length);
          return result;
        })
        .catch((error: Error) => {
          // Name the page, not just the platform: the same events can be fetched again from that cursor.
          throw error instanceof ImportRejected ? new ImportRejected(origin, error.problems) : error;
        });
      summary.pages += 1;
      summary.events += applied.received;
      summary.duplicates += applied.duplicates;
      summary.newEvents += applied.received - applied.duplicates;
      summary.shopLinks.linked += applied.shopLinks.linked;
      summary.shopLinks.review += applied.shopLinks.review;
      summary.shopLinks.unlinked += applied.shopLinks.unlinked;
      log(`${platform}: page ${summary.pages}, ${applied.received} events (${applied.duplicates} already taken in)`);
    } else if (next && next !== cursor) {
      await em.transactional((tx) => storeCursor(tx as EntityManager, platform, next, baseUrl, 0));
    }
    if (next) cursor = next;
    summary.cursor = cursor;
    // A server that says there is more but gives no way forward would loop for ever.
    if (!page.hasMore || !next || page.events.length === 0) break;
  }
  return summary;
}

/** Where the last pull from this API stopped; a cursor of another API means nothing here, so that is refused. */
async function storedCursor(em: EntityManager, platform: Platform, baseUrl: string): Promise<string | null> {
  const rows: { cursor: string; base_url: string }[] = await em.getKnex().withSchema(em.config.get('schema')!).from('pull_cursor')
    .select('cursor', 'base_url').where({ platform });
  if (rows[0] && rows[0].base_url !== baseUrl) {
    throw new Error(
      `The last ${platform} pull was from ${rows[0].base_url}, not ${baseUrl}: its cursor means nothing to this API. ` +
        'Pull from the same URL, or start this one from the beginning (since "") if it is really a new API.',
    );
  }
  return rows[0]?.cursor ?? null;
}

async function storeCursor(em: EntityManager, platform: Platform, cursor: string, baseUrl: string, events: number): Promise<void> {
  const knex = em.getTransactionContext<Knex.Transaction>()!;
  await knex.withSchema(em.config.get('schema')!).table('pull_cursor')
    .insert({ platform, cursor, base_url: baseUrl, events_pulled: events, updated_at: new Date() })
    .onConflict('platform')
    .merge({ cursor, base_url: baseUrl, updated_at: new Date(), events_pulled: knex.raw('pull_cursor.events_pulled + ?', [events]) });
}
