import { expect, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { demoUser, freshPhone, latestSmsCode, snap, urls } from './support/stack';

/**
 * The foundation, end to end: the admin's password + TOTP sign-in with enrolment, user management,
 * and the passenger H5 sign-in by SMS code with privacy consent — against the real bff and the
 * sandboxes, in Chromium.
 */
test.describe('foundation', { tag: '@foundation' }, () => {
  test.describe('admin', () => {
    test.use({ baseURL: urls.admin, viewport: { width: 1440, height: 900 } });

    test('R-8.1 sysadmin signs in with password, enrols TOTP, and creates a user in 用户管理', async ({ page }) => {
      const admin = demoUser('sysadmin');

      await page.goto('/');
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByPlaceholder('请输入用户名')).toBeVisible();
      await snap(page, 'admin-01-sign-in');

      await page.getByPlaceholder('请输入用户名').fill(admin.username);
      await page.getByPlaceholder('请输入密码').fill(admin.password);
      await page.getByRole('button', { name: /登\s*录/ }).click();

      // first sign-in: enrol an authenticator from the secret shown under the QR code
      const secretView = page.getByTestId('totp-secret');
      await expect(secretView).toBeVisible();
      await expect(page.getByRole('img', { name: /二维码|QR/i })).toBeVisible();
      await snap(page, 'admin-02-totp-enrol');
      const secret = (await secretView.innerText()).replace(/\s+/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();
      await page.locator('.ant-otp input').first().click();
      await page.keyboard.type(code); // the sixth digit submits

      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(page.getByText(admin.displayName).first()).toBeVisible();
      await expect(page.locator('main .ant-card').first()).toBeVisible(); // the page loads lazily
      await snap(page, 'admin-03-dashboard');

      // 系统管理 → 用户管理
      const usersItem = page.getByRole('menuitem', { name: '用户管理' });
      if (!(await usersItem.isVisible())) await page.getByRole('menuitem', { name: '系统管理' }).click();
      await usersItem.click();
      await expect(page).toHaveURL(/\/system\/users$/);
      await expect(page.getByRole('row').filter({ hasText: 'sysadmin' })).toBeVisible();

      const username = `e2e_${Date.now().toString(36)}`;
      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog', { name: '新建用户' });
      await expect(dialog).toBeVisible();
      await dialog.getByLabel('用户名').fill(username);
      await dialog.getByLabel('姓名').fill('测试 调度员');
      // antd's TreeSelect input carries no label (see the report): open it through its form item
      await dialog.locator('.ant-form-item').filter({ hasText: '所属机构' }).locator('.ant-select').click();
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '深圳鹏程客运有限公司' }).click();
      await dialog.getByLabel('手机号').fill('13900001111');
      await dialog.getByLabel('初始密码').fill('E2e-Passw0rd!');
      await snap(page, 'admin-04-create-user');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();

      await expect(dialog).toBeHidden();
      const row = page.getByRole('row').filter({ hasText: username });
      await expect(row).toBeVisible();
      await expect(row).toContainText('测试 调度员');
      await expect(row).toContainText('深圳鹏程客运有限公司');
      await snap(page, 'admin-05-user-list');
    });
  });

  test.describe('passenger H5', () => {
    test.use({
      baseURL: urls.passengerH5,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });

    test('R-6.2.1 a passenger signs in with phone + SMS code, accepts the privacy policy and sees the home page', async ({ page }) => {
      const phone = freshPhone();

      await page.goto('/');
      await expect(page.locator('#login-page')).toBeVisible();
      await snap(page, 'passenger-01-sign-in');

      // the privacy policy is agreed to before any code is sent
      await page.click('#login-agree');
      await expect(page.locator('#login-agree')).toHaveAttribute('aria-checked', 'true');
      await page.fill('#login-phone input', phone);
      await page.click('#login-send-code');
      await expect(page.locator('#login-send-code')).toContainText('秒后重发');
      let code: string | null = null;
      await expect.poll(async () => (code = await latestSmsCode(phone)), { message: 'SMS code in the sandbox inbox' }).toMatch(/^\d{6}$/);

      await page.fill('#login-code input', code!);
      await page.click('#login-submit');

      // first sign-in: the privacy policy must be accepted before anything else
      await expect(page.locator('#privacy-page')).toBeVisible();
      await snap(page, 'passenger-02-privacy');
      await page.click('#privacy-agree');

      await expect(page.locator('#home-page')).toBeVisible();
      await expect(page.locator('#home-phone')).toHaveText(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      await snap(page, 'passenger-03-home');
    });
  });
});
