import { findLists, flatten, mainList, toCsv } from '../explorer/src/table';

describe('CSV downloads of explorer results', () => {
  const result = {
    household: {
      displayName: 'HTX Vải Lục Ngạn',
      shops: [
        { platform: 'POSTMART', listings: [{ title: 'Vải thiều, loại "1"', lots: [{ lotNumber: 'LN1' }, { lotNumber: 'LN2' }] }] },
        { platform: 'VOSO', listings: [] },
      ],
    },
  };

  it('finds every list in a result by its dotted path, the longest one first choice', () => {
    expect(findLists(result).map((list) => [list.path, list.rows.length])).toEqual([['household.shops', 2]]);
    expect(mainList({ a: [1], b: { c: [1, 2, 3] } })?.path).toBe('b.c');
  });

  it('flattens a row into dotted columns, numbering nested lists', () => {
    expect(flatten(result.household.shops[0])).toEqual({
      platform: 'POSTMART',
      'listings.0.title': 'Vải thiều, loại "1"',
      'listings.0.lots.0.lotNumber': 'LN1',
      'listings.0.lots.1.lotNumber': 'LN2',
    });
  });

  it('writes UTF-8 with a byte order mark, quotes what needs quoting and takes columns from every row', () => {
    const csv = toCsv(result.household.shops);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'platform,listings.0.title,listings.0.lots.0.lotNumber,listings.0.lots.1.lotNumber',
      'POSTMART,"Vải thiều, loại ""1""",LN1,LN2',
      'VOSO,,,',
      '',
    ]);
  });

  it('keeps cells that a spreadsheet would run as formulas as text, but not negative numbers', () => {
    const csv = toCsv([{ name: '=HYPERLINK("http://x")', note: '+84 912', at: '@SUM(A1)', value: -5, dash: '-3' }]);
    expect(csv.slice(1).split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"")",'+84 912,'@SUM(A1),-5,'-3`);
  });
});
