-- parameters: code
-- A province's sales by destination: the sold orders of its sellers grouped once by country and province,
-- both breakdowns and the totals taken from that one grouping, destination names from the registry.
WITH sold AS (
  SELECT o.destination_country AS country, o.destination_province_code AS province_code,
         count(*)::int AS orders, sum(o.quantity_kg) AS kg, sum(o.value_vnd) AS vnd
  FROM marketplace."order" o
  WHERE o.seller_province_code = $1 AND o.status <> 'CANCELLED'
  GROUP BY 1, 2),
by_country AS (SELECT country, sum(orders)::int AS orders, sum(kg) AS kg, sum(vnd) AS vnd FROM sold GROUP BY country),
by_province AS (
  SELECT province_code, sum(orders)::int AS orders, sum(kg) AS kg, sum(vnd) AS vnd FROM sold
  WHERE country = 'VN' AND province_code IS NOT NULL GROUP BY province_code)
SELECT json_build_object('province', (
  SELECT json_build_object(
    'code', p.code,
    'name', p.name,
    'salesOutOf', json_build_object(
      'orderCount', (SELECT coalesce(sum(orders), 0) FROM by_country),
      'quantityKg', (SELECT coalesce(round(sum(kg), 3), 0)::float8 FROM by_country),
      'valueVnd', (SELECT coalesce(sum(vnd), 0)::float8 FROM by_country),
      'byProvince', (
        SELECT coalesce(json_agg(json_build_object(
            'province', json_build_object('code', bp.province_code, 'name', pr.name),
            'orderCount', bp.orders, 'quantityKg', round(bp.kg, 3)::float8, 'valueVnd', bp.vnd::float8)
          ORDER BY bp.kg DESC, bp.province_code), '[]')
        FROM by_province bp LEFT JOIN registry.province pr ON pr.code = bp.province_code),
      'byCountry', (
        SELECT coalesce(json_agg(json_build_object(
            'country', bc.country, 'orderCount', bc.orders, 'quantityKg', round(bc.kg, 3)::float8, 'valueVnd', bc.vnd::float8)
          ORDER BY bc.kg DESC, bc.country), '[]')
        FROM by_country bc)))
  FROM registry.province p WHERE p.code = $1
))::text AS data
