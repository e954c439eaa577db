import type { Knex } from '@mikro-orm/postgresql';
import { MAX_BIND_PARAMETERS } from '../../../platform/database/bulk-insert';
import { HouseholdLinkMethod, HouseholdLinkStatus, linkFromMatch, sameLink, type StoredLink } from '../../../platform/linking/stored-link';
import type { HouseholdMatcher, LinkCandidate } from '../../../platform/linking/types';

/** Raised when the registry cannot be asked: the caller takes nothing in, so that the platform sends the events again. */
export class HouseholdMatchingUnavailable extends Error {}

interface ShopEvidenceRow {
  id: string;
  seller_name: string | null;
  seller_phone: string | null;
  seller_national_id_hash: string | null;
  commune_code: string;
  household_id: string | null;
  link_status: HouseholdLinkStatus;
  link_method: HouseholdLinkMethod | null;
  link_confidence: number;
  link_candidates: LinkCandidate[] | null;
  link_settled_at: Date | null;
}

/**
 * Links the given shops to registry households by the seller evidence stored with them (the newest the platform
 * sent): one call to the registry's matcher for the batch, one statement to read the evidence, one to write the
 * links that changed together with their listings and orders. A link an official settled, and the household a
 * shop came with (demo and generated data), are kept.
 */
export async function linkShops(knex: Knex.Transaction, schema: string, shopIds: string[], matcher: HouseholdMatcher): Promise<{ linked: number; review: number; unlinked: number }> {
  const summary = { linked: 0, review: 0, unlinked: 0 };
  if (shopIds.length === 0) return summary;
  const rows: ShopEvidenceRow[] = await knex.withSchema(schema).from('shop')
    .select('id', 'seller_name', 'seller_phone', 'seller_national_id_hash', 'commune_code', 'household_id', 'link_status', 'link_method', 'link_confidence', 'link_candidates', 'link_settled_at')
    .whereIn('id', [...new Set(shopIds)])
    .whereNull('link_settled_at')
    .andWhere((given) => given.whereNull('household_id').orWhereNotNull('link_method'))
    .orderBy('id');
  const evidence = rows.map((row) => ({ nationalIdHash: row.seller_national_id_hash, phone: row.seller_phone, name: row.seller_name, communeCode: row.commune_code }));
  let matches;
  try {
    matches = rows.length ? await matcher.match(evidence) : [];
  } catch (error) {
    throw new HouseholdMatchingUnavailable(`Shops could not be linked to registry households: ${(error as Error).message}`);
  }
  const changed: { id: string; link: StoredLink }[] = [];
  rows.forEach((row, index) => {
    const link = linkFromMatch(matches[index]);
    summary[link.linkStatus === HouseholdLinkStatus.LINKED ? 'linked' : link.linkStatus === HouseholdLinkStatus.REVIEW ? 'review' : 'unlinked'] += 1;
    if (!sameLink(link, storedLinkOf(row))) changed.push({ id: row.id, link });
  });
  await writeShopLinks(knex, schema, changed);
  return summary;
}

function storedLinkOf(row: ShopEvidenceRow): StoredLink {
  return {
    householdId: row.household_id,
    linkStatus: row.link_status,
    linkMethod: row.link_method,
    linkConfidence: Number(row.link_confidence),
    linkCandidates: row.link_candidates,
    linkSettledAt: row.link_settled_at,
  };
}

/**
 * Writes shops' links and moves their listings and orders to the shop's household, in one statement per
 * thousand shops (data-modifying CTEs): a listing or an order always names the household its shop belongs to.
 */
export async function writeShopLinks(knex: Knex.Transaction, schema: string, links: { id: string; link: StoredLink }[]): Promise<void> {
  const columns = 7;
  const size = Math.min(1000, Math.floor(MAX_BIND_PARAMETERS / columns) - 1);
  for (let start = 0; start < links.length; start += size) {
    const chunk = links.slice(start, start + size);
    const values = chunk
      .map(() => `(?::varchar, ?::varchar, ?::"${schema}".household_link_status, ?::"${schema}".household_link_method, ?::double precision, ?::jsonb, ?::timestamptz)`)
      .join(', ');
    await knex.raw(
      `with link(id, household_id, link_status, link_method, link_confidence, link_candidates, link_settled_at) as (values ${values}),
       shops as (
         update ??.shop as s set household_id = link.household_id, link_status = link.link_status, link_method = link.link_method,
           link_confidence = link.link_confidence, link_candidates = link.link_candidates, link_settled_at = link.link_settled_at
         from link where s.id = link.id
         returning s.id, s.household_id
       ),
       listings as (
         update ??.listing as l set household_id = shops.household_id from shops
         where l.shop_id = shops.id and l.household_id is distinct from shops.household_id
         returning l.id
       ),
       orders as (
         update ??."order" as o set seller_household_id = shops.household_id from shops
         where o.shop_id = shops.id and o.seller_household_id is distinct from shops.household_id
         returning o.id
       )
       select (select count(*) from shops) as shops, (select count(*) from listings) as listings, (select count(*) from orders) as orders`,
      [
        ...chunk.flatMap(({ id, link }) => [
          id, link.householdId, link.linkStatus, link.linkMethod, link.linkConfidence,
          link.linkCandidates ? JSON.stringify(link.linkCandidates) : null, link.linkSettledAt,
        ]),
        schema, schema, schema,
      ],
    );
  }
}
