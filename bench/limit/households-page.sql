-- parameters: filter.communeCode, filter.provinceCode, filter.kind, filter.productGroup, filter.cooperativeId, first
-- A page of households by ID with the filter's conditions (absent ones are NULL and drop out when PostgreSQL
-- plans the statement with its values), their communes (registry) and shops (marketplace). The cursor is the
-- hub's: base64url of "k:" and the last ID.
WITH matching AS (
  SELECT h.* FROM registry.household h
  WHERE ($1::text IS NULL OR h.commune_code = $1)
    AND ($2::text IS NULL OR h.province_code = $2)
    AND ($3::text IS NULL OR h.kind = $3::registry.household_kind)
    AND ($4::text IS NULL OR h.product_groups && ARRAY[$4::text])
    AND ($5::text IS NULL OR h.cooperative_id = $5)),
page AS (SELECT * FROM matching ORDER BY id LIMIT $6::int + 1),
shown AS (SELECT * FROM page ORDER BY id LIMIT $6::int)
SELECT json_build_object('households', json_build_object(
  'totalCount', (SELECT count(*)::int FROM matching),
  'nodes', (
    SELECT coalesce(json_agg(json_build_object(
        'id', n.id,
        'displayName', n.display_name,
        'kind', n.kind,
        'productGroups', n.product_groups,
        'commune', json_build_object('code', c.code, 'name', c.name),
        'shops', (
          SELECT coalesce(json_agg(json_build_object('id', s.id, 'platform', s.platform) ORDER BY s.id), '[]')
          FROM marketplace.shop s WHERE s.household_id = n.id))
      ORDER BY n.id), '[]')
    FROM shown n JOIN registry.commune c ON c.code = n.commune_code),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) FROM page) > $6::int,
    'endCursor', (SELECT translate(encode(convert_to('k:' || max(id), 'UTF8'), 'base64'), E'+/=\n', '-_') FROM shown))
))::text AS data
