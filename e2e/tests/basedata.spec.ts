import { expect, test, type Page } from '@playwright/test';
import { signInAdmin, snap, urls } from './support/stack';

/**
 * Base data and archives, end to end against the real bff, its OSS sandbox and the self-hosted
 * map with the offline demo basemap: what an operator's dispatcher does with zones and certificates.
 */
test.describe('base data', { tag: '@basedata' }, () => {
  test.use({ baseURL: urls.admin, viewport: { width: 1440, height: 900 } });

  async function openDemoRoute(page: Page) {
    await page.goto('/basedata/routes');
    await page.getByRole('row').filter({ hasText: 'SZ-GZ-01' }).getByRole('link').first().click();
    await expect(page).toHaveURL(/\/basedata\/routes\/\d+$/);
    const map = page.getByTestId('route-map');
    await expect(map).toHaveAttribute('data-map-ready', 'true');
    return map;
  }

  test('R-6.1.1 R-7.5 a dispatcher draws a pickup zone on the self-hosted map, saves it, reloads and sees it', async ({ page }) => {
    await signInAdmin(page, 'pc_dispatch');
    const map = await openDemoRoute(page);
    // the demo basemap is offline and says so
    await expect(map.getByText('演示底图')).toBeVisible();
    await snap(page, 'basedata-01-route-map');

    const zoneName = `东莞松山湖上客区 ${Date.now().toString(36)}`;
    await page.getByTestId('draw-pickup').click();
    // a square in the middle of the map (Dongguan, between the demo route's zones), closed on its first corner
    const box = (await map.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const corners: [number, number][] = [[-40, -40], [40, -40], [40, 40], [-40, 40], [-40, -40]];
    for (const [dx, dy] of corners) {
      await page.mouse.click(cx + dx, cy + dy);
      await page.waitForTimeout(150);
    }

    const dialog = page.getByRole('dialog', { name: '保存新区域' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('区域名称').fill(zoneName);
    await snap(page, 'basedata-02-zone-form');
    await page.getByTestId('zone-save').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: zoneName })).toBeVisible();

    await page.reload();
    await expect(page.getByTestId('route-map')).toHaveAttribute('data-map-ready', 'true');
    const row = page.getByRole('row').filter({ hasText: zoneName });
    await expect(row).toBeVisible();
    await expect(row).toContainText('上车区域');
    await snap(page, 'basedata-03-zone-after-reload');
  });

  test('R-6.1.1 the stop map lists the operator\'s stops', async ({ page }) => {
    await signInAdmin(page, 'pc_dispatch');
    await page.goto('/basedata/stops');
    await expect(page.getByRole('row').filter({ hasText: '深圳北站' }).first()).toBeVisible();
    await expect(page.getByTestId('stops-map')).toHaveAttribute('data-map-ready', 'true');
    await snap(page, 'basedata-04-stops');
  });
});
