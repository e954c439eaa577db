import { demoDataset, SHOWCASE } from '../demo/dataset';
import { CooperativeMembersDocument, HouseholdsPageDocument, type HouseholdsPageQuery } from './generated/graphql';
import { countStatements, hub, post, query } from './support/hub';

describe('households: filters and Relay-style pages', () => {
  const data = demoDataset();

  it('walks every page of a province’s households exactly once, in ID order', async () => {
    const expected = data.households.filter((h) => h.provinceCode === '66').map((h) => h.id).sort();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { households }: HouseholdsPageQuery = await query(HouseholdsPageDocument, { filter: { provinceCode: '66' }, first: 10, after });
      expect(households.totalCount).toBe(expected.length);
      seen.push(...households.nodes.map((node) => node.id));
      pages += 1;
      if (!households.pageInfo.hasNextPage) break;
      after = households.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 10));
  });

  it('combines filters on kind, product group and commune', async () => {
    const { households } = await query(HouseholdsPageDocument, {
      filter: { kind: 'HOUSEHOLD', productGroup: 'FRUIT', communeCode: '06463' },
      first: 100,
      after: null,
    });
    const expected = data.households.filter((h) => h.kind === 'HOUSEHOLD' && h.productGroups.includes('FRUIT' as never) && h.communeCode === '06463');
    expect(households.nodes.map((node) => node.id)).toEqual(expected.map((h) => h.id).sort());
    expect(households.nodes.every((node) => node.commune.code === '06463' && node.productGroups.includes('FRUIT'))).toBe(true);
  });

  it('pages through a cooperative’s members', async () => {
    const expected = data.households.filter((h) => h.cooperativeId === SHOWCASE.lycheeCooperative).map((h) => h.id).sort();
    expect(expected.length).toBeGreaterThan(5);
    const first = await query(CooperativeMembersDocument, { id: SHOWCASE.lycheeCooperative, first: 5, after: null });
    const members = first.household!.members;
    expect(members.totalCount).toBe(expected.length);
    expect(members.nodes.map((node) => node.id)).toEqual(expected.slice(0, 5));
    expect(members.nodes.every((node) => node.cooperative?.id === SHOWCASE.lycheeCooperative)).toBe(true);
    const second = await query(CooperativeMembersDocument, { id: SHOWCASE.lycheeCooperative, first: 100, after: members.pageInfo.endCursor });
    expect(second.household!.members.nodes.map((node) => node.id)).toEqual(expected.slice(5));
    expect(second.household!.members.pageInfo.hasNextPage).toBe(false);
  });

  it('counts the members of every cooperative of a page in one statement, whatever the number of cooperatives', async () => {
    const cooperatives = data.households.filter((h) => h.kind === 'COOPERATIVE').map((h) => h.id).sort();
    expect(cooperatives.length).toBeGreaterThan(3);
    const page = (first: number) =>
      post<{ households: { nodes: { id: string; members: { totalCount: number } }[] } }>(
        hub().gatewayUrl,
        'query ($first: Int!) { households(filter: { kind: COOPERATIVE }, first: $first) { nodes { id members(first: 1) { totalCount } } } }',
        { first },
      );
    let all: Awaited<ReturnType<typeof page>> | undefined;
    const twoCount = await countStatements(() => page(2));
    const allCount = await countStatements(async () => (all = await page(cooperatives.length)));
    expect(all!.data!.households.nodes.map((node) => [node.id, node.members.totalCount])).toEqual(
      cooperatives.map((id) => [id, data.households.filter((h) => h.cooperativeId === id).length]),
    );
    expect(allCount.registry).toBe(twoCount.registry);
  });

  it('refuses a page larger than 100 and a forged cursor with errors that say what to do', async () => {
    const tooLarge = await post(hub().gatewayUrl, 'query { households(first: 1000) { nodes { id } } }');
    expect(tooLarge.errors?.[0].message).toMatch(/"first" must be between 0 and 100, got 1000/);
    const forged = await post(hub().gatewayUrl, 'query { households(first: 5, after: "not-a-cursor") { nodes { id } } }');
    expect(forged.errors?.[0].message).toMatch(/Invalid cursor "not-a-cursor"/);
  });
});
