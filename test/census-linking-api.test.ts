import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoDataset } from '../demo/dataset';
import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { describeSummary, runImport } from '../platform/ingest';
import type { SubgraphDefinition } from '../platform/subgraph';
import { registry } from '../subgraphs/registry';
import { createRegistryMatcher } from '../subgraphs/registry/linking';
import { censusImporter } from '../subgraphs/statistics/ingest';
import { as, closeKeyStore } from './support/access';
import { hub, post, query } from './support/hub';
import { openStatisticsDatabase, removeImported } from './support/statistics-db';

/*
 * What an official does with linking through the gateway: import a census round (linked by the registry's own
 * matcher), read the summary, find records by key and by status, count them, see every round of a household, and
 * read a review item's evidence.
 */

const demo = demoDataset();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-census-linking-'));
let registryDatabase: SubgraphDatabase;
let statisticsDatabase: Awaited<ReturnType<typeof openStatisticsDatabase>>;
let summaryText = '';

// A household the demo census counted in 2025, found by ID in the 2024 round; a name alone; a stranger.
const counted = demo.households.find((household) => demo.censusRecords.some((record) => record.householdId === household.id) && household.kind === 'HOUSEHOLD')!;
const named = demo.households.filter((household) => household.kind === 'HOUSEHOLD' && household.communeCode === '07582')
  .find((household) => demo.households.filter((other) => other.communeCode === '07582' && other.head.fullName === household.head.fullName).length === 1 && household.id !== counted.id)!;

beforeAll(async () => {
  registryDatabase = await openSubgraphDatabase(registry as SubgraphDefinition, hub().databaseUrl, { migrate: false });
  statisticsDatabase = await openStatisticsDatabase();
  const file = path.join(scratch, 'census-2024.csv');
  const header = ['Mã hộ điều tra', 'Họ tên chủ hộ', 'Số CCCD', 'Số điện thoại', 'Mã xã', 'Xã/Phường', 'Năm điều tra', 'Diện tích đất nông nghiệp (ha)', 'Số lao động', 'Năm sinh', 'Thôn/Ấp'];
  const rows = [
    ['LNK24-0001', counted.head.fullName, counted.head.nationalId, '', counted.communeCode, '', '2024', '1.1', '2', '', ''],
    ['LNK24-0002', named.head.fullName, '', '', named.communeCode, '', '2024', '0.6', '2', '', ''],
    ['LNK24-0003', 'Không Có Ai Tên Này', '', '', '07582', '', '2024', '0.4', '1', '1980', 'Thôn 4'],
  ];
  fs.writeFileSync(file, [header, ...rows].map((row) => row.join(',')).join('\r\n'));
  const summary = await runImport(censusImporter, file, { em: statisticsDatabase.em(), quiet: true, householdMatcher: createRegistryMatcher(registryDatabase.orm.em.fork()) });
  summaryText = describeSummary(summary);
});

afterAll(async () => {
  await removeImported();
  await statisticsDatabase.close();
  await registryDatabase.close();
  await closeKeyStore();
  fs.rmSync(scratch, { recursive: true, force: true });
});

interface RecordsPage {
  censusRecords: { totalCount: number; nodes: { id: string; censusYear: number; linkStatus: string; linkMethod: string | null; household: { id: string } | null }[] };
}
const RECORDS = `query Records($linkStatus: HouseholdLinkStatus, $recordKey: String, $censusYear: Int, $source: String) {
  censusRecords(linkStatus: $linkStatus, recordKey: $recordKey, censusYear: $censusYear, source: $source, first: 20) {
    totalCount nodes { id censusYear linkStatus linkMethod household { id } }
  }
}`;

describe('census linking, as an official works it', () => {
  it('prints the linking counts with the import summary', () => {
    expect(summaryText).toContain('linking: 1 linked (NATIONAL_ID 1), 1 to review');
    expect(summaryText).toContain('1 unlinked');
  });

  it('finds records by key and by link status, the unlinked ones included, and counts each status', async () => {
    const official = await as('official');
    const byKey = await query<RecordsPage>(RECORDS, { recordKey: 'LNK24-0001' }, official);
    expect(byKey.censusRecords.nodes).toEqual([expect.objectContaining({ censusYear: 2024, linkStatus: 'LINKED', linkMethod: 'NATIONAL_ID', household: { id: counted.id } })]);
    const unlinked = await query<RecordsPage>(RECORDS, { linkStatus: 'UNLINKED', censusYear: 2024, source: 'import:census' }, official);
    expect(unlinked.censusRecords.totalCount).toBe(1);
    expect(unlinked.censusRecords.nodes[0]).toMatchObject({ linkStatus: 'UNLINKED', household: null });
    const counts = await query<{ censusLinkCounts: Record<string, number> }>(`{ censusLinkCounts(censusYear: 2024, source: "import:census") { linked review unlinked } }`, {}, official);
    // The unlinked records are an official's working list, not public.
    const anonymous = await post(hub().gatewayUrl, RECORDS, { linkStatus: 'UNLINKED' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(counts.censusLinkCounts).toEqual({ linked: 1, review: 1, unlinked: 1 });
  });

  it('shows every census round of a household, oldest first', async () => {
    const data = await query<{ household: { censusRounds: { censusYear: number }[] } }>(`query ($id: ID!) { household(id: $id) { censusRounds { censusYear } } }`, { id: counted.id });
    expect(data.household.censusRounds.map((round) => round.censusYear)).toEqual([2024, 2025]);
  });

  it("shows a review item's candidates with each field's agreement and weight, and no personal value", async () => {
    const data = await query<{ censusLinkReviews: { nodes: { recordKey: string; reviewReason: string | null; runnerUpMarginBits: number | null; candidates: { household: { id: string }; confidence: number; weight: number; evidence: { field: string; level: string; weight: number; agrees: boolean }[] }[] }[] } }>(
      `{ censusLinkReviews(source: "import:census", first: 10) { nodes { recordKey reviewReason runnerUpMarginBits candidates { household { id } confidence weight evidence { field level weight agrees } } } } }`,
      {},
      await as('official'),
    );
    const item = data.censusLinkReviews.nodes.find((node) => node.recordKey === 'LNK24-0002')!;
    expect(item.candidates[0].household.id).toBe(named.id);
    // Why it waits: a bare name and commune are too little to link on, and no other household comes close.
    expect(item).toMatchObject({ reviewReason: 'LOW_CONFIDENCE', runnerUpMarginBits: null });
    expect(item.candidates[0].evidence).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'name', level: 'EXACT', agrees: true }),
      expect.objectContaining({ field: 'commune', level: 'SAME', agrees: true }),
    ]));
    expect(JSON.stringify(item)).not.toContain(named.head.fullName);
  });

  it('finds shops by platform number and link status, and counts them', async () => {
    const official = await as('official');
    type Shops = { shops: { totalCount: number; nodes: { id: string; externalId: string; linkStatus: string }[] }; shopLinkCounts: { linked: number; review: number; unlinked: number } };
    const all = await query<Shops>(`{ shops(first: 100) { totalCount nodes { id externalId linkStatus } } shopLinkCounts { linked review unlinked } }`, {}, official);
    const { linked, review, unlinked } = all.shopLinkCounts;
    expect(linked + review + unlinked).toBe(all.shops.totalCount);
    expect(linked).toBeGreaterThan(0);
    const [shop] = all.shops.nodes;
    const found = await query<Shops>(`query ($id: String) { shops(externalId: $id, first: 5) { totalCount nodes { id externalId linkStatus } } shopLinkCounts { linked review unlinked } }`, { id: shop.externalId }, official);
    expect(found.shops.nodes.map((node) => node.id)).toContain(shop.id);
    const byStatus = await query<Shops>(`{ shops(linkStatus: LINKED, first: 100) { totalCount nodes { id externalId linkStatus } } shopLinkCounts { linked review unlinked } }`, {}, official);
    expect(byStatus.shops.totalCount).toBe(linked);
    expect(new Set(byStatus.shops.nodes.map((node) => node.linkStatus))).toEqual(new Set(['LINKED']));
  });
});
