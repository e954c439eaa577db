import fs from 'node:fs';
import { hub, post } from '../support/hub';
import { offlineContext, useBrowser, parseCsv, screenshot } from './browser';

describe('the explorer in a real browser', () => {
  const { browser, origin } = useBrowser();

  it('loads offline, runs a saved query and downloads its list as CSV with the same rows', async () => {
    const { context, outside } = await offlineContext(browser(), origin());
    const page = await context.newPage();
    // A script refused by the CSP, a missing worker or a failed request shows as a console error.
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()} (${request.failure()?.errorText})`));
    try {
      await page.goto(`${origin()}/`);
      // GraphiQL's editors, docs and the saved queries panel are up: the schema came through introspection.
      await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
      const saved = page.locator('[data-saved-query="tonnes-per-province"]');
      await saved.waitFor();
      expect(await page.locator('[data-saved-query]').count()).toBeGreaterThanOrEqual(7);

      await saved.click();
      await page.locator('.graphiql-execute-button').click();
      await page.locator('.graphiql-response').getByText('"provinces"').first().waitFor();
      await page.getByTestId('download-list').waitFor();
      expect(await page.getByTestId('download-list').inputValue()).toBe('provinces');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
      const text = fs.readFileSync((await download.path())!, 'utf8');
      expect(download.suggestedFilename()).toBe('TonnesPerProvince-provinces.csv');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const [header, ...rows] = parseCsv(text.slice(1));
      expect(header).toEqual(['code', 'name', 'soldFrom.orderCount', 'soldFrom.quantityKg', 'soldFrom.valueVnd', 'deliveredInto.orderCount', 'deliveredInto.quantityKg']);

      // The same rows the graph gives for the saved query's variables.
      const variables = JSON.parse(/^# variables: (.*)$/m.exec(fs.readFileSync('queries/tonnes-per-province.graphql', 'utf8'))![1]);
      const answer = await post<{ provinces: Array<{ code: string; name: string; soldFrom: { quantityKg: number }; deliveredInto: { orderCount: number } }> }>(
        hub().gatewayUrl,
        fs.readFileSync('queries/tonnes-per-province.graphql', 'utf8'),
        variables,
      );
      const provinces = answer.data!.provinces;
      expect(rows).toHaveLength(provinces.length);
      expect(rows.map((row) => [row[0], row[1], Number(row[3]), Number(row[5])])).toEqual(
        provinces.map((province) => [province.code, province.name, province.soldFrom.quantityKg, province.deliveredInto.orderCount]),
      );
      expect(rows.some((row) => Number(row[3]) > 0)).toBe(true);

      await screenshot(page, 'explorer');
      expect(outside).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(failed).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sends the headers typed in the headers editor with each request (for an access key)', async () => {
    const { context } = await offlineContext(browser(), origin());
    const page = await context.newPage();
    try {
      await page.goto(`${origin()}/?query=${encodeURIComponent('{ provinces { code } }')}`);
      await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
      await page.getByText('Headers', { exact: true }).click();
      await page.locator('.graphiql-editor-tool .monaco-editor').last().click();
      await page.keyboard.press('ControlOrMeta+A');
      // Pasted, as a user pastes a key: typed, the editor would auto-close the quotes and braces.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: origin() });
      await page.evaluate(`navigator.clipboard.writeText('{"x-api-key": "nsk_not_a_real_key"}')`);
      await page.keyboard.press('ControlOrMeta+V');
      const sent = page.waitForRequest((request) => request.method() === 'POST' && request.postData()?.includes('provinces') === true);
      await page.locator('.graphiql-execute-button').click();
      expect((await sent).headers()['x-api-key']).toBe('nsk_not_a_real_key');
      // The gateway read it: a key it does not know is refused, and the explorer shows why.
      await page.locator('.graphiql-response').getByText('UNAUTHENTICATED').first().waitFor();
    } finally {
      await context.close();
    }
  });
});
