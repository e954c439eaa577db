import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { sampleHouseholdRows } from '../demo/samples/sample-rows';
import { runScript } from './support/commands';
import { hub, query, withDatabase } from './support/hub';
import { expectItemRollupsEqualSources, itemRollups } from './support/indicator-items';
import { sendEvents } from './support/marketplace';

/*
 * The item rollups that I.1-I.4, II.1, II.3-II.5, III.3 and III.5 read (listings, shops' households, trainings,
 * e-payment accounts, traceable listings counted on the day they first qualified) stay equal to their source tables
 * after every kind of write: the platforms' webhook, a household list import, plain SQL writes (as loaders, captures
 * and fixes write), and `npx nongsan rollups rebuild` after damage. The generator is checked in generator.test.ts.
 */

const SELLER = { name: 'trần thị mai', phone: '0912 777 202', nationalId: '001090077202', commune: { name: 'Lục Ngạn', province: 'Bắc Ninh' } };
const SHOP = '960202';
const SHOP_ID = `VS-${SHOP}`;

const event = (type: string, id: string, occurredAt: string, extra: Record<string, unknown>) => ({ id: `item-rollup-${id}`, type, occurredAt, shopId: SHOP, ...extra });
const shop = (type: string, id: string, brandMark: string | null) => event(type, id, '2026-09-01T07:00:00+07:00', {
  data: { name: 'Vải Mai Lục Ngạn', brandMark, openedAt: '2026-09-01T07:00:00+07:00', rating: null, seller: SELLER },
});
const listing = (type: string, listingId: string, occurredAt: string, data: Record<string, unknown>) => event(type, `${type}-${listingId}-${occurredAt}`, occurredAt, {
  listingId,
  data: { title: 'Vải thiều Lục Ngạn', category: 'Trái cây tươi', isFarmInput: false, priceVnd: 50000, unit: 'kg', kgPerUnit: 1, gtin: '8931234567897', createdAt: '2026-09-02T08:00:00+07:00', ...data },
});
const FARM_INPUT = { title: 'Phân bón NPK', category: 'Vật tư nông nghiệp', isFarmInput: true };

const COMMUNE_REPORT = `query ($scope: String!) { indicatorReport(scope: $scope, period: "2026") { salesRows { code cumulative } } }`;

const check = () => withDatabase(expectItemRollupsEqualSources);

describe('the item rollups', () => {
  const imported: string[] = [];
  const listFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'item-rollups-')), 'ho-dan.csv');

  afterAll(async () => {
    await withDatabase(async (client) => {
      await client.query(`delete from marketplace.listing where shop_id = $1`, [SHOP_ID]);
      await client.query(`delete from marketplace.shop where id = $1`, [SHOP_ID]);
      await client.query(`delete from registry.training where household_id = any($1)`, [imported]);
      await client.query(`delete from registry.household where id = any($1)`, [imported]);
    });
    fs.rmSync(path.dirname(listFile), { recursive: true, force: true });
  });

  it('equal the shops and listings after webhook events open, mark and change them', async () => {
    const before = await withDatabase(itemRollups);
    expect((await sendEvents('VOSO', [
      shop('shop.opened', 'shop', null),
      listing('listing.created', '1', '2026-09-02T08:00:00+07:00', {}),
      listing('listing.created', '2', '2026-09-02T08:00:00+07:00', { ...FARM_INPUT, householdDiscountPct: 5 }),
      listing('listing.created', '3', '2026-09-03T08:00:00+07:00', { brandMark: 'Vải Mai', createdAt: '2026-09-03T08:00:00+07:00' }),
    ])).status).toBe(200);
    const opened = await check();
    expect(opened.kept).not.toEqual(before.kept);
    expect((await sendEvents('VOSO', [
      shop('shop.changed', 'shop-marked', 'Vải Mai'),
      listing('listing.changed', '1', '2026-09-05T08:00:00+07:00', { brandMark: 'Vải Mai' }),
      listing('listing.changed', '2', '2026-09-05T08:00:00+07:00', { ...FARM_INPUT, householdDiscountPct: null }),
    ])).status).toBe(200);
    await check();
    expect((await sendEvents('VOSO', [event('listing.removed', 'removed-3', '2026-09-06T08:00:00+07:00', { listingId: '3' })])).status).toBe(200);
    await check();
  });

  it('answer the commune\'s report as its listings do', async () => {
    const { commune, produce, inputs } = await withDatabase(async (client) => (await client.query(`select s.commune_code as commune,
      count(*) filter (where not l.is_farm_input)::int as produce, count(*) filter (where l.is_farm_input)::int as inputs
      from marketplace.shop s join marketplace.listing l on l.shop_id = s.id
      where s.commune_code = (select commune_code from marketplace.shop where id = $1) and l.created_at < '2026-12-31T17:00:00Z'
      group by 1`, [SHOP_ID])).rows[0]);
    const { indicatorReport } = await query<{ indicatorReport: { salesRows: { code: string; cumulative: number }[] } }>(COMMUNE_REPORT, { scope: commune });
    const cumulative = (code: string) => indicatorReport.salesRows.find((row) => row.code === code)?.cumulative;
    expect(produce).toBeGreaterThan(0);
    expect(cumulative('II.1')).toBe(produce);
    expect(cumulative('III.3')).toBe(inputs);
  });

  it('equal the shops and listings after plain SQL writes: a shop moved, relinked, deleted; listings changed', async () => {
    await withDatabase(async (client) => {
      const other = (await client.query(`select id, province_code, commune_code from registry.household
        where commune_code <> (select commune_code from marketplace.shop where id = $1) order by id limit 1`, [SHOP_ID])).rows[0];
      await client.query(`update marketplace.shop set province_code = $2, commune_code = $3 where id = $1`, [SHOP_ID, other.province_code, other.commune_code]);
      await expectItemRollupsEqualSources(client);
      await client.query(`update marketplace.shop set household_id = $2, link_status = 'LINKED', link_method = 'MANUAL', link_confidence = 1 where id = $1`, [SHOP_ID, other.id]);
      await expectItemRollupsEqualSources(client);
      await client.query(`update marketplace.listing set is_farm_input = not is_farm_input, created_at = created_at - interval '40 days' where shop_id = $1`, [SHOP_ID]);
      await expectItemRollupsEqualSources(client);
      await client.query(`insert into marketplace.listing select l.id || '-copy', l.shop_id, l.household_id, l.platform, l.title, l.category, l.is_farm_input, l.price_vnd, l.unit, l.kg_per_unit,
        'Vải Mai', 10, l.gtin, l.status, l.created_at from marketplace.listing l where l.shop_id = $1`, [SHOP_ID]);
      await expectItemRollupsEqualSources(client);
      // A shop deleted before its listings: they count nowhere, as the reports' join to the shop says.
      const saved = (await client.query(`delete from marketplace.shop where id = $1 returning *`, [SHOP_ID])).rows[0];
      await expectItemRollupsEqualSources(client);
      await client.query(`delete from marketplace.listing where shop_id = $1 and id like '%-copy'`, [SHOP_ID]);
      const columns = Object.keys(saved);
      await client.query(`insert into marketplace.shop (${columns.join(', ')}) values (${columns.map((_, n) => `$${n + 1}`).join(', ')})`, columns.map((column) => saved[column]));
      await expectItemRollupsEqualSources(client);
    });
  });

  it('equal the households after a household list import and plain SQL writes to households and trainings', async () => {
    const rows = sampleHouseholdRows({ seed: 960_202, count: 8, places: 'demo' });
    fs.writeFileSync(listFile, '\ufeff' + stringify(rows, { header: true }));
    const known = await withDatabase(async (client) => (await client.query(`select id from registry.household`)).rows.map((row) => row.id as string));
    const result = await runScript('scripts/cli.ts', ['import', 'registry', listFile], { DATABASE_URL: hub().databaseUrl });
    expect(result.code).toBe(0);
    await withDatabase(async (client) => {
      imported.push(...(await client.query(`select id from registry.household where not (id = any($1))`, [known])).rows.map((row) => row.id as string));
      expect(imported.length).toBe(rows.length);
      await expectItemRollupsEqualSources(client);
      const [first, second] = imported;
      await client.query(`insert into registry.training (household_id, topic, completed_on) values ($1, 'DIGITAL_SKILLS', '2026-02-03'), ($1, 'DIGITAL_SKILLS', '2025-11-30'), ($2, 'PACKING_AND_DELIVERY', '2026-04-05')`, [first, second]);
      await expectItemRollupsEqualSources(client);
      await client.query(`update registry.household set payment_account = 'NONE' where id = $1`, [first]);
      await client.query(`update registry.household set payment_account = 'OPENED' where id = $1 and payment_account = 'NONE'`, [second]);
      await expectItemRollupsEqualSources(client);
      const elsewhere = (await client.query(`select code, province_code from registry.commune where code <> (select commune_code from registry.household where id = $1) order by code limit 1`, [second])).rows[0];
      await client.query(`update registry.household set commune_code = $2, province_code = $3 where id = $1`, [second, elsewhere.code, elsewhere.province_code]);
      await client.query(`delete from registry.training where household_id = $1 and completed_on = '2025-11-30'`, [first]);
      await expectItemRollupsEqualSources(client);
    });
  });

  it('stay equal when two transactions change the same household at once', async () => {
    const household = imported[2];
    expect(household).toBeDefined();
    await withDatabase(async (first) => withDatabase(async (second) => {
      await first.query('begin');
      await second.query('begin');
      await first.query(`insert into registry.training (household_id, topic, completed_on) values ($1, 'PACKING_AND_DELIVERY', '2026-05-01')`, [household]);
      // The second writer's trigger waits for the first to commit, then sees its items.
      const waiting = second.query(`insert into registry.training (household_id, topic, completed_on) values ($1, 'PACKING_AND_DELIVERY', '2026-04-01')`, [household]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await first.query('commit');
      await waiting;
      await second.query('commit');
      await expectItemRollupsEqualSources(first);
    }));
  });

  it('equal the lots with a trace code after plain SQL writes to lots, trace codes and growing areas', async () => {
    await withDatabase(async (client) => {
      // Copies of a stored lot and its trace code, changed where the test says (every other column as stored).
      const copy = (table: string, where: string, changes: Record<string, unknown>) => client.query(`insert into traceability.${table}
        select (jsonb_populate_record(null::traceability.${table}, to_jsonb(t) || $1::jsonb)).* from traceability.${table} t where ${where} limit 1`, [JSON.stringify(changes)]);
      const lot = (await client.query(`select l.id, l.growing_area_id, c.code from traceability.lot l join traceability.trace_code c on c.lot_id = l.id
        where l.growing_area_id is not null order by l.id limit 1`)).rows[0];
      const area = (await client.query(`select id, commune_code from traceability.growing_area where id = $1`, [lot.growing_area_id])).rows[0];
      try {
        await copy('lot', `id = '${lot.id}'`, { id: 'ITEM-ROLLUP-LOT-1', lot_number: 'ITEM-ROLLUP-1', listing_id: 'ITEM-ROLLUP-LISTING', harvested_at: '2026-07-01T08:00:00+07:00' });
        await copy('lot', `id = '${lot.id}'`, { id: 'ITEM-ROLLUP-LOT-2', lot_number: 'ITEM-ROLLUP-2', listing_id: 'ITEM-ROLLUP-LISTING', growing_area_id: null, harvested_at: '2026-06-01T08:00:00+07:00' });
        await expectItemRollupsEqualSources(client);
        await copy('trace_code', `code = '${lot.code}'`, { code: 'ITEM-ROLLUP-CODE-1', digital_link: 'https://id.example/ITEM-ROLLUP-CODE-1', lot_id: 'ITEM-ROLLUP-LOT-1', listing_id: 'ITEM-ROLLUP-LISTING' });
        await expectItemRollupsEqualSources(client);
        await copy('trace_code', `code = '${lot.code}'`, { code: 'ITEM-ROLLUP-CODE-2', digital_link: 'https://id.example/ITEM-ROLLUP-CODE-2', lot_id: 'ITEM-ROLLUP-LOT-2', listing_id: 'ITEM-ROLLUP-LISTING' });
        await expectItemRollupsEqualSources(client);
        await client.query(`update traceability.lot set harvested_at = harvested_at - interval '3 days' where id = 'ITEM-ROLLUP-LOT-1'`);
        await client.query(`update traceability.growing_area set commune_code = '00004' where id = $1`, [area.id]);
        await expectItemRollupsEqualSources(client);
        await client.query(`delete from traceability.trace_code where code = 'ITEM-ROLLUP-CODE-1'`);
        await expectItemRollupsEqualSources(client);
        await client.query(`delete from traceability.lot where id = 'ITEM-ROLLUP-LOT-2'`);
        await expectItemRollupsEqualSources(client);
      } finally {
        await client.query(`update traceability.growing_area set commune_code = $2 where id = $1`, [area.id, area.commune_code]);
        await client.query(`delete from traceability.trace_code where code like 'ITEM-ROLLUP-%'`);
        await client.query(`delete from traceability.lot where id like 'ITEM-ROLLUP-%'`);
      }
      await expectItemRollupsEqualSources(client);
    });
  });

  it('are rebuilt by `npx nongsan rollups rebuild` after they were damaged', async () => {
    await withDatabase(async (client) => {
      await client.query(`delete from marketplace.indicator_province_rollup where code = 'II.1'`);
      await client.query(`update marketplace.indicator_commune_rollup set item_count = item_count + 3 where code = 'III.3'`);
      await client.query(`delete from registry.indicator_commune_rollup where code = 'I.4'`);
      await client.query(`update traceability.indicator_province_rollup set item_count = item_count * 2`);
      const damaged = await itemRollups(client);
      expect(damaged.kept).not.toEqual(damaged.fromSources);
    });
    const result = await runScript('scripts/cli.ts', ['rollups', 'rebuild'], { DATABASE_URL: hub().databaseUrl });
    expect(result.code).toBe(0);
    for (const schema of ['marketplace', 'registry', 'traceability']) {
      expect(result.stdout).toMatch(new RegExp(`^${schema}\\.indicator_commune_rollup \\+ indicator_province_rollup: \\d+ rows rebuilt in [\\d.]+ s$`, 'm'));
    }
    await check();
  });
});
