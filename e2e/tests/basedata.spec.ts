import { deflateSync } from 'zlib';
import { expect, test, type Page } from '@playwright/test';
import { signInAdmin, snap, urls } from './support/stack';

/** A real 48×32 PNG (a scanned certificate stand-in): the bff judges the type by these bytes. */
function certificatePng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const [w, h] = [48, 32];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.concat(Array.from({ length: h }, (_, y) => Buffer.from([0, ...Array.from({ length: w }, (_, x) => [30 + x * 4, 120, 200 - y * 4]).flat()])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

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

    // and removes it again: the demo route stays as seeded for the booking test
    await row.click();
    const panel = page.getByTestId('zone-panel');
    await expect(panel).toContainText(zoneName);
    await panel.getByRole('button', { name: '删除' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /删\s*除/ }).click();
    await expect(page.getByRole('row').filter({ hasText: zoneName })).toHaveCount(0);
  });

  test('R-6.1.1 the stop map lists the operator\'s stops', async ({ page }) => {
    await signInAdmin(page, 'pc_dispatch');
    await page.goto('/basedata/stops');
    await expect(page.getByRole('row').filter({ hasText: '深圳北站' }).first()).toBeVisible();
    await expect(page.getByTestId('stops-map')).toHaveAttribute('data-map-ready', 'true');
    await snap(page, 'basedata-04-stops');
  });

  test('R-6.1.2 R-8.2 a dispatcher uploads a vehicle certificate image and opens it again after a reload', async ({ page }) => {
    await signInAdmin(page, 'pc_dispatch');
    await page.goto('/archive/vehicles');
    const row = page.getByRole('row').filter({ hasText: '粤B12345D' });
    await expect(row).toBeVisible();
    await snap(page, 'archive-01-vehicles');

    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '编辑车辆档案 · 粤B12345D' });
    await expect(drawer).toBeVisible();
    const transportCert = drawer.getByTestId('upload-vehicle_cert').first();
    await transportCert.locator('input[type=file]').setInputFiles({ name: '道路运输证.png', mimeType: 'image/png', buffer: certificatePng() });
    await expect(transportCert.getByTestId('upload-item')).toBeVisible();
    await expect(transportCert.getByTestId('upload-preview')).toBeVisible();
    await drawer.getByTestId('vehicle-save').click();
    await expect(drawer).toBeHidden();

    await page.reload();
    await page.getByRole('row').filter({ hasText: '粤B12345D' }).getByRole('button', { name: /查\s*看/ }).click();
    const detail = page.getByRole('dialog').filter({ hasText: '车辆档案 · 粤B12345D' });
    const stored = detail.getByTestId('detail-transportCertFile');
    await expect(stored.getByTestId('upload-item')).toBeVisible();
    await stored.getByTestId('upload-preview').click();
    // the preview loads the image through a fresh short-lived signed URL from the OSS sandbox
    const preview = page.locator('.ant-image-preview-img');
    await expect(preview).toBeVisible();
    await expect(preview).toHaveAttribute('src', /Signature=/);
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    await snap(page, 'archive-02-certificate-preview');
  });
});
