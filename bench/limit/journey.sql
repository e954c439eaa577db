-- parameters: id
-- The Journey operation in one statement: the household (registry), its census record (statistics), its
-- certificates, its shops and their listings (marketplace) with lots and events (traceability) and sales.
-- Times are written as the gateways write them (ISO 8601, UTC, milliseconds).
SELECT json_build_object('household', (
  SELECT json_build_object(
    'id', h.id,
    'displayName', h.display_name,
    'kind', h.kind,
    'commune', json_build_object('code', c.code, 'name', c.name, 'province', json_build_object('code', p.code, 'name', p.name)),
    'census', (
      SELECT json_build_object('censusYear', r.census_year, 'landAreaHa', r.land_area_ha, 'mainCrops', r.main_crops)
      FROM statistics.census_record r WHERE r.household_id = h.id ORDER BY r.census_year DESC LIMIT 1),
    'certifications', (
      SELECT coalesce(json_agg(json_build_object(
          'scheme', ce.scheme, 'certificateNumber', ce.certificate_number, 'stars', ce.stars, 'validUntil', ce.valid_until)
        ORDER BY ce.scheme, ce.valid_until DESC, ce.id), '[]')
      FROM traceability.certification ce WHERE ce.household_id = h.id),
    'shops', (
      SELECT coalesce(json_agg(json_build_object('id', s.id, 'platform', s.platform, 'listings', (
        SELECT coalesce(json_agg(json_build_object(
            'id', l.id,
            'title', l.title,
            'lots', (
              SELECT coalesce(json_agg(json_build_object(
                  'lotNumber', lo.lot_number,
                  'harvestedAt', to_char(lo.harvested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'events', (
                    SELECT coalesce(json_agg(json_build_object(
                        'bizStep', e.biz_step,
                        'eventTime', to_char(e.event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                      ORDER BY e.event_time, e.id), '[]')
                    FROM traceability.trace_event e WHERE e.lot_id = lo.id))
                ORDER BY lo.harvested_at DESC, lo.id), '[]')
              FROM traceability.lot lo WHERE lo.listing_id = l.id),
            'sales', (
              WITH sold AS (
                SELECT o.destination_country AS country, o.destination_province_code AS province_code,
                       count(*)::int AS orders, sum(o.quantity_kg) AS kg, sum(o.value_vnd) AS vnd
                FROM marketplace."order" o
                WHERE o.listing_id = l.id AND o.status <> 'CANCELLED'
                GROUP BY 1, 2),
              by_country AS (SELECT country, sum(orders) AS orders, sum(kg) AS kg, sum(vnd) AS vnd FROM sold GROUP BY country),
              by_province AS (
                SELECT province_code, sum(kg) AS kg FROM sold
                WHERE country = 'VN' AND province_code IS NOT NULL GROUP BY province_code)
              SELECT json_build_object(
                'orderCount', (SELECT coalesce(sum(orders), 0) FROM by_country),
                'quantityKg', (SELECT coalesce(round(sum(kg), 3), 0)::float8 FROM by_country),
                'valueVnd', (SELECT coalesce(sum(vnd), 0)::float8 FROM by_country),
                'byProvince', (
                  SELECT coalesce(json_agg(json_build_object(
                      'province', json_build_object('code', bp.province_code, 'name', pr.name),
                      'quantityKg', round(bp.kg, 3)::float8)
                    ORDER BY bp.kg DESC, bp.province_code), '[]')
                  FROM by_province bp LEFT JOIN registry.province pr ON pr.code = bp.province_code),
                'byCountry', (
                  SELECT coalesce(json_agg(json_build_object('country', bc.country, 'quantityKg', round(bc.kg, 3)::float8)
                    ORDER BY bc.kg DESC, bc.country), '[]')
                  FROM by_country bc)))
          ) ORDER BY l.id), '[]')
        FROM marketplace.listing l WHERE l.shop_id = s.id AND l.status <> 'REMOVED')
      ) ORDER BY s.id), '[]')
      FROM marketplace.shop s WHERE s.household_id = h.id)
  )
  FROM registry.household h
  JOIN registry.commune c ON c.code = h.commune_code
  JOIN registry.province p ON p.code = c.province_code
  WHERE h.id = $1
))::text AS data
