/**
 * The tables the national generator fills, per subgraph, with the columns it writes in the order its rows list
 * them. Reference tables (provinces, communes) are not here: each subgraph's `loadReferenceData` fills them. The
 * provenance columns `source` and `imported_at` are not written row by row: the load sets their defaults for its
 * duration (see load.ts).
 */
export interface GeneratedTable {
  subgraph: 'registry' | 'statistics' | 'marketplace' | 'traceability';
  table: string;
  columns: readonly string[];
  /** A serial primary key that the generator numbers itself; its sequence is moved past the last id afterwards. */
  serialColumn?: string;
}

export const GENERATED_TABLES = {
  household: {
    subgraph: 'registry', table: 'household',
    columns: ['id', 'kind', 'display_name', 'commune_code', 'province_code', 'scale', 'product_groups', 'cooperative_id', 'payment_account', 'consents', 'registered_on', 'head_name', 'phone', 'national_id', 'street_address', 'national_id_hash', 'name_blocks', 'head_birth_year'],
  },
  training: { subgraph: 'registry', table: 'training', columns: ['id', 'household_id', 'topic', 'completed_on', 'organiser'], serialColumn: 'id' },
  censusRecord: {
    subgraph: 'statistics', table: 'census_record',
    columns: [
      'id', 'record_key', 'household_id', 'census_year', 'land_area_ha', 'main_crops', 'livestock_heads', 'poultry_heads', 'labourers',
      'respondent_name', 'phone', 'national_id_hash', 'commune_code', 'link_status', 'link_method', 'link_confidence', 'link_candidates', 'content_hash',
      'respondent_birth_year',
    ],
    serialColumn: 'id',
  },
  indicatorObservation: {
    subgraph: 'statistics', table: 'indicator_observation',
    columns: ['id', 'province_code', 'crop', 'year', 'production_tonnes', 'area_ha', 'farming_households', 'content_hash'],
    serialColumn: 'id',
  },
  shop: {
    subgraph: 'marketplace', table: 'shop',
    columns: ['id', 'platform', 'external_id', 'household_id', 'name', 'brand_mark', 'rating', 'opened_at', 'province_code', 'commune_code', 'seller_name', 'seller_phone', 'seller_national_id_hash', 'commune_resolved_via', 'link_status', 'link_confidence'],
  },
  listing: {
    subgraph: 'marketplace', table: 'listing',
    columns: ['id', 'shop_id', 'household_id', 'platform', 'title', 'category', 'is_farm_input', 'price_vnd', 'unit', 'kg_per_unit', 'brand_mark', 'household_discount_pct', 'gtin', 'status', 'created_at'],
  },
  order: {
    subgraph: 'marketplace', table: 'order',
    columns: ['id', 'listing_id', 'shop_id', 'seller_household_id', 'seller_province_code', 'quantity', 'quantity_kg', 'value_vnd', 'destination_country', 'destination_province_code', 'destination_commune_code', 'buyer_household_id', 'ordered_at', 'delivered_at', 'status'],
  },
  growingArea: {
    subgraph: 'traceability', table: 'growing_area',
    columns: ['id', 'code', 'household_id', 'commune_code', 'crop', 'area_ha', 'export_markets', 'issued_on', 'latitude', 'longitude'],
  },
  certification: {
    subgraph: 'traceability', table: 'certification',
    columns: ['id', 'household_id', 'scheme', 'certificate_number', 'issuer', 'product', 'stars', 'valid_from', 'valid_until', 'holder_commune_code'],
  },
  certificationListing: { subgraph: 'traceability', table: 'certification_listing', columns: ['certification_id', 'listing_id'] },
  lot: {
    subgraph: 'traceability', table: 'lot',
    columns: ['id', 'lot_number', 'listing_id', 'household_id', 'growing_area_id', 'growing_area_code', 'household_link', 'product_key', 'gtin', 'harvested_at', 'quantity_kg'],
  },
  traceEvent: {
    subgraph: 'traceability', table: 'trace_event',
    columns: ['id', 'event_id', 'lot_id', 'event_type', 'action', 'biz_step', 'disposition', 'event_time', 'event_time_zone_offset', 'read_point', 'biz_location', 'quantity_kg'],
  },
  traceCode: { subgraph: 'traceability', table: 'trace_code', columns: ['code', 'lot_id', 'listing_id', 'digital_link'] },
} as const satisfies Record<string, GeneratedTable>;

export type GeneratedTableName = keyof typeof GENERATED_TABLES;

export const GENERATED_TABLE_NAMES = Object.keys(GENERATED_TABLES) as GeneratedTableName[];

export function qualifiedName(table: GeneratedTable): string {
  return `${table.subgraph}.${table.table}`;
}
