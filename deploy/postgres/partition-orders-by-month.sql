-- Rehearsal of the path to time partitioning for marketplace orders (see docs/deploy.md). Not a migration: run it on a
-- copy of the marketplace database in a maintenance window, measure, then turn it into one. ~30M orders nationally.
--   psql "$MARKETPLACE_DATABASE_URL" -v ON_ERROR_STOP=1 -f deploy/postgres/partition-orders-by-month.sql
-- A partitioned table's unique keys must contain the partition column, so the key becomes (id, ordered_at): order
-- ids stay unique per platform feed, and the feeds' upserts key on received events (platform, event_id), not on orders.
BEGIN;
ALTER TABLE marketplace."order" RENAME TO order_unpartitioned;
CREATE TABLE marketplace."order" (LIKE marketplace.order_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
  PARTITION BY RANGE (ordered_at);
ALTER TABLE marketplace."order" ADD PRIMARY KEY (id, ordered_at);
-- One partition per month from the oldest order to a year ahead; a monthly job adds the next ones.
DO $$
DECLARE month date;
BEGIN
  FOR month IN
    SELECT generate_series(date_trunc('month', coalesce(min(ordered_at), now())), date_trunc('month', now()) + interval '12 months', interval '1 month')::date
    FROM marketplace.order_unpartitioned
  LOOP
    EXECUTE format('CREATE TABLE marketplace.%I PARTITION OF marketplace."order" FOR VALUES FROM (%L) TO (%L)',
      'order_' || to_char(month, 'YYYY_MM'), month, month + interval '1 month');
  END LOOP;
END $$;
CREATE TABLE marketplace.order_default PARTITION OF marketplace."order" DEFAULT;
INSERT INTO marketplace."order" SELECT * FROM marketplace.order_unpartitioned;
-- The same indexes as the migrations create, now per partition.
CREATE INDEX ON marketplace."order" (seller_province_code, ordered_at);
CREATE INDEX ON marketplace."order" (destination_province_code, ordered_at);
CREATE INDEX ON marketplace."order" (seller_household_id, ordered_at);
CREATE INDEX ON marketplace."order" (shop_id, ordered_at);
CREATE INDEX ON marketplace."order" (listing_id, ordered_at, id);
COMMIT;
-- After checking counts and the benchmark: DROP TABLE marketplace.order_unpartitioned;
