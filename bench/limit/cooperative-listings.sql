-- parameters: id
-- A cooperative (registry), its first 50 members by ID, their shops and listings (marketplace).
SELECT json_build_object('household', (
  SELECT json_build_object(
    'id', h.id,
    'displayName', h.display_name,
    'kind', h.kind,
    'members', json_build_object(
      'totalCount', (SELECT count(*)::int FROM registry.household m WHERE m.cooperative_id = h.id),
      'nodes', (
        SELECT coalesce(json_agg(json_build_object(
            'id', m.id,
            'displayName', m.display_name,
            'shops', (
              SELECT coalesce(json_agg(json_build_object('id', s.id, 'platform', s.platform, 'listings', (
                  SELECT coalesce(json_agg(json_build_object(
                      'id', l.id, 'title', l.title, 'priceVnd', l.price_vnd, 'unit', l.unit, 'isFarmInput', l.is_farm_input)
                    ORDER BY l.id), '[]')
                  FROM marketplace.listing l WHERE l.shop_id = s.id AND l.status <> 'REMOVED'))
                ORDER BY s.id), '[]')
              FROM marketplace.shop s WHERE s.household_id = m.id))
          ORDER BY m.id), '[]')
        FROM (SELECT id, display_name FROM registry.household WHERE cooperative_id = h.id ORDER BY id LIMIT 50) m)))
  FROM registry.household h WHERE h.id = $1
))::text AS data
