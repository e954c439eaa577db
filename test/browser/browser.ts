import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from '../support/chromium';
import { hub } from '../support/hub';

export const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

export async function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/**
 * One browser for a describe block, launched before its tests and closed after; `origin()` is the hub's gateway
 * origin, the only host an offline context may reach.
 */
export function useBrowser(): { browser: () => Browser; origin: () => string } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => {
      if (!browser) throw new Error('useBrowser(): the browser is used before beforeAll launched it');
      return browser;
    },
    origin: () => new URL(hub().gatewayUrl).origin,
  };
}

/**
 * A browser context that behaves as if the machine had no network: any request to a host other than the hub's is
 * refused and recorded, so a test can assert that none was attempted.
 */
export async function offlineContext(browser: Browser, hubOrigin: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; outside: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const allowed = new URL(hubOrigin).host;
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== allowed) {
      outside.push(url.href);
      return route.abort('internetdisconnected');
    }
    return route.continue();
  });
  return { context, outside };
}

/**
 * Saves a picture of the page for a person to look at; it asserts nothing, so a capture that stalls (Chromium on a
 * loaded CI machine once waited out 30 s for a frame after the fonts had loaded) is reported and the test goes on to
 * its assertions rather than failing on the picture.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  try {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true, animations: 'disabled', timeout: 15_000 });
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    process.stderr.write(`screenshot ${name}.png not saved: ${(error as Error).message.split('\n')[0]}\n`);
  }
}

/** Parses the CSV the explorer writes (quoted fields, CRLF), for checking a download's rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') (cell += '"'), index++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(cell), (cell = '');
    else if (char === '\r') continue;
    else if (char === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += char;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}
