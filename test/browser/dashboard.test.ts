import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { hub, post } from '../support/hub';
import { offlineContext, useBrowser, parseCsv, screenshot } from './browser';

const CHARTS = ['tonnes-over-time', 'provinces-map', 'provinces-reached', 'countries-map', 'countries-reached', 'households-vs-target'];

/** Colours drawn on a chart's canvas: an empty chart has one or two (background, axis). */
async function coloursDrawn(page: Page, id: string): Promise<number> {
  return page.evaluate(`(() => {
    const canvas = document.querySelector('#${id} canvas');
    if (!canvas) return 0;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set();
    for (let index = 0; index < pixels.length; index += 16) colours.add((pixels[index] << 16) | (pixels[index + 1] << 8) | pixels[index + 2]);
    return colours.size;
  })()`);
}

async function downloadRows(page: Page, id: string): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#${id} .download`).click()]);
  return parseCsv(fs.readFileSync((await download.path())!, 'utf8').slice(1));
}

describe('the dashboard in a real browser', () => {
  const { browser, origin } = useBrowser();

  it('draws the charts and both maps from the graph, each with its data and its query, offline', async () => {
    const { context, outside } = await offlineContext(browser(), origin(), { viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    // A script refused by the CSP, a missing worker or a failed request shows as a console error.
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    try {
      await page.goto(`${origin()}/dashboard`);
      await page.locator('body[data-ready="yes"]').waitFor();
      for (const id of CHARTS) {
        expect({ id, colours: (await coloursDrawn(page, id)) > 8 }).toEqual({ id, colours: true });
        const [header, ...rows] = await downloadRows(page, id);
        expect({ id, rows: rows.length > 0, header: header.length > 1 }).toEqual({ id, rows: true, header: true });
        expect(await page.locator(`#${id} .see-query`).getAttribute('href')).toMatch(/^\/\?query=/);
      }
      // The programme's indicator report as a table, one line per indicator, the same rows as its download.
      const tableRows = await page.locator('#indicators tbody tr').count();
      expect(tableRows).toBeGreaterThanOrEqual(12);
      const [indicatorHeader, ...indicators] = await downloadRows(page, 'indicators');
      expect(indicators).toHaveLength(tableRows);
      expect(indicatorHeader).toContain('cumulative');
      expect(indicators.map((row) => row[0])).toEqual(expect.arrayContaining(['I.3', 'II.2', 'II.6', 'II.7']));

      // The countries on the world map are those the graph's sales reached abroad.
      const [header, ...countries] = await downloadRows(page, 'countries-map');
      expect(header.slice(0, 2)).toEqual(['country', 'countryName']);
      expect(countries.map((row) => row[0])).not.toContain('VN');
      expect(countries.length).toBeGreaterThanOrEqual(3);

      // One province: its quarterly tonnes add up to the indicator report's II.2 over the whole period.
      await page.selectOption('select[name="province"]', '24');
      await page.click('#scope button[type="submit"]');
      await page.locator('body[data-ready="yes"]').waitFor();
      const [, ...quarters] = await downloadRows(page, 'tonnes-over-time');
      const from = await page.inputValue('input[name="from"]');
      const to = await page.inputValue('input[name="to"]');
      expect(quarters).toHaveLength((Number(to) - Number(from) + 1) * 4);
      const answer = await post<{ indicatorReport: { salesRows: Array<{ code: string; achieved: number }> } }>(
        hub().gatewayUrl,
        'query ($period: String!) { indicatorReport(scope: "24", period: $period) { salesRows { code achieved } } }',
        { period: `${from}-01-01..${to}-12-31` },
      );
      const tonnes = quarters.reduce((sum, row) => sum + Number(row[1]), 0);
      expect(tonnes).toBeGreaterThan(0);
      expect(tonnes).toBeCloseTo(answer.data!.indicatorReport.salesRows.find((row) => row.code === 'II.2')!.achieved, 2);

      // "See the query" opens the chart's query in the explorer, where it runs.
      const href = await page.locator('#tonnes-over-time .see-query').getAttribute('href');
      await page.goto(`${origin()}${href}`);
      await page.locator('.graphiql-query-editor').getByText('TonnesOverTime').first().waitFor();
      await page.locator('.graphiql-execute-button').click();
      await page.locator('.graphiql-response').getByText('"salesRows"').first().waitFor();
      expect(outside).toEqual([]);
      expect(consoleErrors).toEqual([]);

      // The picture last, once everything is asserted: a capture that stalls cannot hold up a later step.
      await page.goto(`${origin()}/dashboard`);
      await page.locator('body[data-ready="yes"]').waitFor();
      await screenshot(page, 'dashboard');
    } finally {
      await context.close();
    }
  });
});
