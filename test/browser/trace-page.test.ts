import { deliveredLot } from '../support/trace-codes';
import { offlineContext, useBrowser, screenshot } from './browser';

describe('the public trace page on a phone', () => {
  const { browser, origin } = useBrowser();

  it('shows the lot\'s timeline at a phone\'s width, without JavaScript, from the QR code\'s Digital Link', async () => {
    const lot = await deliveredLot();
    const { context, outside } = await offlineContext(browser(), origin(), {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    try {
      // The pack's QR carries a GS1 Digital Link; pointed at the hub, it opens the page.
      const path = new URL(lot.digitalLink).pathname;
      const response = await page.goto(`${origin()}${path}`);
      expect(response?.status()).toBe(200);
      const timeline = page.locator('#timeline li');
      expect(await timeline.count()).toBe(lot.events.length);
      await expect(timeline.first().isVisible()).resolves.toBe(true);
      expect(await timeline.first().locator('b').textContent()).toBe('Thu hoạch');
      expect(await page.locator('h1').isVisible()).toBe(true);
      expect(await page.textContent('body')).toContain(lot.producer);
      expect(await page.textContent('#hours')).toContain(String(Math.round(lot.harvestToDeliveryHours! * 10) / 10));
      // Nothing wider than the phone: no sideways scrolling.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await screenshot(page, 'trace-phone');

      await page.getByRole('link', { name: 'English' }).click();
      expect(await page.locator('#timeline li').first().locator('b').textContent()).toBe('Harvest');
      await screenshot(page, 'trace-phone-en');
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
