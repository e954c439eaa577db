-- parameters: code
-- The QR lookup: the code and its lot with events (traceability), hours from harvest to delivery, the producer
-- (registry) and its certificates (traceability), the listing and its shop (marketplace).
SELECT json_build_object('trace', (
  SELECT json_build_object(
    'code', t.code,
    'digitalLink', t.digital_link,
    'lot', (
      SELECT json_build_object(
        'lotNumber', lo.lot_number,
        'harvestedAt', to_char(lo.harvested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'quantityKg', lo.quantity_kg,
        -- From the first commissioning event (else the harvest time) to the last receiving event.
        'harvestToDeliveryHours', (
          SELECT round((extract(epoch FROM received.event_time - coalesce(
              (SELECT e.event_time FROM traceability.trace_event e
               WHERE e.lot_id = lo.id AND e.biz_step = 'commissioning' ORDER BY e.event_time, e.id LIMIT 1),
              lo.harvested_at)) / 3600)::numeric, 2)::float8
          FROM (SELECT e.event_time FROM traceability.trace_event e
                WHERE e.lot_id = lo.id AND e.biz_step = 'receiving' ORDER BY e.event_time DESC, e.id DESC LIMIT 1) received),
        'events', (
          SELECT coalesce(json_agg(json_build_object(
              'bizStep', e.biz_step,
              'eventTime', to_char(e.event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'disposition', e.disposition)
            ORDER BY e.event_time, e.id), '[]')
          FROM traceability.trace_event e WHERE e.lot_id = lo.id),
        'household', (
          SELECT json_build_object(
            'id', h.id,
            'displayName', h.display_name,
            'commune', json_build_object('name', c.name, 'province', json_build_object('name', p.name)),
            'certifications', (
              SELECT coalesce(json_agg(json_build_object('scheme', ce.scheme, 'stars', ce.stars, 'validUntil', ce.valid_until)
                ORDER BY ce.scheme, ce.valid_until DESC, ce.id), '[]')
              FROM traceability.certification ce WHERE ce.household_id = h.id))
          FROM registry.household h
          JOIN registry.commune c ON c.code = h.commune_code
          JOIN registry.province p ON p.code = c.province_code
          WHERE h.id = lo.household_id))
      FROM traceability.lot lo WHERE lo.id = t.lot_id),
    'listing', (
      SELECT json_build_object('id', l.id, 'title', l.title, 'shop', json_build_object('id', s.id, 'platform', s.platform, 'name', s.name))
      FROM marketplace.listing l JOIN marketplace.shop s ON s.id = l.shop_id WHERE l.id = t.listing_id))
  FROM traceability.trace_code t WHERE t.code = $1
))::text AS data
