import { Migration } from '@mikro-orm/migrations';
import { summingTriggersDown, summingTriggersUp } from '../../../platform/indicators/rollups';

/**
 * Province-grain rollups (issue 11, speed at national scale).
 *
 * `sales_rollup` keeps commune x category, so it holds about as many rows as there are orders and a national or
 * province report still sums hundreds of thousands of rows. Two coarser tables, kept by the same kind of
 * statement-level triggers on "order", in the same transaction as every write (webhook, pull, imports, demo):
 * - `sales_province_rollup`: delivered orders per Vietnam delivery day x seller province x farm-input flag x
 *   destination (II.2, II.6, II.7 for the nation and provinces; communes keep reading `sales_rollup`);
 * - `order_province_rollup`: sold orders (every status but CANCELLED) per Vietnam order day x seller province x
 *   destination, what `Province.salesOutOf`/`salesInto` sum when the period is whole Vietnam days.
 * `rebuild_province_rollups()` recomputes both (`npx nongsan rollups rebuild`); `nongsan.defer_rollups = on` skips
 * the triggers for bulk loads that rebuild afterwards.
 */
export class Migration20261205113000_province_rollups extends Migration {

  override async up(): Promise<void> {
    const measures = `"order_count" integer not null, "quantity_kg" numeric(18,3) not null, "value_vnd" bigint not null`;
    this.addSql(`create table "marketplace"."sales_province_rollup" (
  "day" date not null, "seller_province_code" varchar(2) not null, "is_farm_input" boolean not null,
  "destination_country" varchar(2) not null, "destination_province_code" varchar(2) not null, ${measures},
  constraint "sales_province_rollup_pkey" primary key ("seller_province_code", "day", "is_farm_input", "destination_country", "destination_province_code"));`);
    this.addSql(`create index "sales_province_rollup_day_index" on "marketplace"."sales_province_rollup" ("day");`);
    this.addSql(`create table "marketplace"."order_province_rollup" (
  "day" date not null, "seller_province_code" varchar(2) not null,
  "destination_country" varchar(2) not null, "destination_province_code" varchar(2) not null, ${measures},
  constraint "order_province_rollup_pkey" primary key ("seller_province_code", "day", "destination_country", "destination_province_code"));`);
    this.addSql(`create index "order_province_rollup_destination_index" on "marketplace"."order_province_rollup" ("destination_province_code", "day");`);

    const localDay = (column: string) => `(${column} at time zone 'Asia/Ho_Chi_Minh')::date`;
    // Each table: its grouping columns (as selected from orders o joined to their listing l) and which orders count.
    const tables = [
      {
        table: 'sales_province_rollup',
        columns: ['day', 'seller_province_code', 'is_farm_input', 'destination_country', 'destination_province_code'],
        values: [localDay('coalesce(o.delivered_at, o.ordered_at)'), 'o.seller_province_code', 'l.is_farm_input', 'o.destination_country', `coalesce(o.destination_province_code, '')`],
        join: `join "marketplace"."listing" l on l.id = o.listing_id`,
        where: `o.status = 'DELIVERED'`,
      },
      {
        table: 'order_province_rollup',
        columns: ['day', 'seller_province_code', 'destination_country', 'destination_province_code'],
        values: [localDay('o.ordered_at'), 'o.seller_province_code', 'o.destination_country', `coalesce(o.destination_province_code, '')`],
        join: '',
        where: `o.status <> 'CANCELLED'`,
      },
    ];
    const grouped = (rows: string, sign: string, { values, join, where }: typeof tables[number]) => `
  select ${values.join(', ')}, ${sign}count(*), ${sign}sum(o.quantity_kg), ${sign}sum(o.value_vnd)
  from ${rows} o ${join}
  where ${where}
  group by ${values.map((_, n) => n + 1).join(', ')}`;
    const insert = (spec: typeof tables[number]) => `insert into "marketplace"."${spec.table}" as r (${[...spec.columns, 'order_count', 'quantity_kg', 'value_vnd'].map((c) => `"${c}"`).join(', ')})`;
    const upsert = (rows: string, sign: string, spec: typeof tables[number]) => `${insert(spec)}
  ${grouped(rows, sign, spec)}
  on conflict (${spec.columns.map((c) => `"${c}"`).join(', ')})
  do update set "order_count" = r."order_count" + excluded."order_count", "quantity_kg" = r."quantity_kg" + excluded."quantity_kg", "value_vnd" = r."value_vnd" + excluded."value_vnd"`;

    for (const sql of summingTriggersUp('marketplace', 'order', 'province_rollups', (rows, sign) => tables.map((spec) => upsert(rows, sign, spec)).join(';\n    '))) this.addSql(sql);
    this.addSql(`create function "marketplace"."rebuild_province_rollups"() returns bigint language sql as $$
  ${tables.map((spec) => `delete from "marketplace"."${spec.table}";
  ${insert(spec).replace(' as r ', ' ')}
  ${grouped('"marketplace"."order"', '', spec)};`).join('\n  ')}
  select (select count(*) from "marketplace"."sales_province_rollup") + (select count(*) from "marketplace"."order_province_rollup");
$$;`);
    this.addSql(`select "marketplace"."rebuild_province_rollups"();`);
  }

  override async down(): Promise<void> {
    for (const sql of summingTriggersDown('marketplace', 'order', 'province_rollups')) this.addSql(sql);
    this.addSql(`drop function "marketplace"."rebuild_province_rollups"();`);
    this.addSql(`drop table "marketplace"."order_province_rollup";`);
    this.addSql(`drop table "marketplace"."sales_province_rollup";`);
  }

}
