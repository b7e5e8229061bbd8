import { expect, test } from '@playwright/test';
import { demoPassword, expectNoAccessibilityViolations, signIn, signUp, uniqueEmail } from './helpers.ts';

test.describe('role administration', () => {
	test('the prefecture admin grants and revokes staff, and both are logged', async ({ page, browser }) => {
		const newcomer = uniqueEmail('newstaff');
		const other = await browser.newPage();
		await signUp(other, newcomer, 'newcomer password');
		await other.close();

		await signIn(page, 'admin@demo.tsunagu.example', demoPassword);
		await page.getByRole('link', { name: '権限の管理' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('権限の管理');
		await expectNoAccessibilityViolations(page);

		await page.getByLabel('メールアドレス').fill(newcomer);
		await page.getByLabel('権限', { exact: true }).selectOption('municipality_staff');
		await page.getByLabel('市町村', { exact: true }).selectOption({ label: '三春町' });
		await page.getByRole('button', { name: '権限を付ける' }).click();
		await expect(page.getByRole('status')).toHaveText('権限を付けました。');
		const row = page.getByRole('row').filter({ hasText: newcomer }).filter({ has: page.getByRole('button') });
		await expect(row).toContainText('三春町');
		await expect(page.locator('section', { hasText: '変更の記録' }).getByRole('row').nth(1)).toContainText(newcomer);

		await row.getByRole('button', { name: '外す' }).click();
		await expect(page.getByRole('status')).toHaveText('権限を外しました。');
		await expect(page.getByRole('row').filter({ hasText: newcomer }).filter({ has: page.getByRole('button') })).toHaveCount(0);
		await expect(page.locator('section', { hasText: '変更の記録' }).getByRole('row').nth(1)).toContainText('削除');
	});

	test('hostile and unknown input is refused with a message and escaped', async ({ page }) => {
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.goto('/admin/roles');
		await page.getByLabel('メールアドレス').fill('<img src=x onerror=alert(1)>');
		await page.getByRole('button', { name: '権限を付ける' }).click();
		await expect(page.getByRole('alert')).toContainText('メールアドレスの形が正しくありません');
		await expect(page.locator('img[src="x"]')).toHaveCount(0);

		await page.getByLabel('メールアドレス').fill('nobody-here@e2e.example');
		await page.getByRole('button', { name: '権限を付ける' }).click();
		await expect(page.getByRole('alert')).toContainText('このメールアドレスのアカウントはありません');
		// Staff of 福島市 may grant only for 福島市, and never the admin role.
		await expect(page.getByLabel('市町村', { exact: true }).locator('option')).toHaveText(['福島市']);
		await expect(page.getByLabel('権限', { exact: true }).locator('option')).toHaveText(['市町村の担当者']);
	});

	test('a forged grant for another town is refused by the database', async ({ page, baseURL }) => {
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.goto('/admin/roles');
		const response = await page.request.post('/admin/roles?/grant', {
			form: { email: 'aizu@demo.tsunagu.example', role: 'municipality_staff', municipality_code: '072028' },
			headers: { origin: new URL(baseURL!).origin, 'x-sveltekit-action': 'true' }
		});
		expect(response.status()).toBe(200);
		expect(await response.text()).toContain('not_allowed');
	});

	test('keeps its tables readable on a 360 px phone: they scroll, the first column stays', async ({ browser }) => {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const page = await context.newPage();
		await signIn(page, 'admin@demo.tsunagu.example', demoPassword);
		await page.goto('/admin/roles');
		const regions = await page.locator('.table-scroll[role="region"]').all();
		expect(regions).toHaveLength(2);
		for (const region of regions) {
			const widths = await region.locator('th').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
			expect(Math.min(...widths)).toBeGreaterThanOrEqual(60);
			expect(await region.evaluate((r) => r.scrollWidth > r.clientWidth)).toBe(true);
		}
		// Only the tables scroll sideways, not the page (a hidden header label once widened it to 602 px).
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await expectNoAccessibilityViolations(page);
		await context.close();
	});

	test('visitors and plain accounts cannot open the page', async ({ page }) => {
		await page.goto('/admin/roles');
		await expect(page).toHaveURL(/\/signin\?next=\/admin\/roles$/);
		await signIn(page, 'supporter@demo.tsunagu.example', demoPassword);
		await page.goto('/admin/roles');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('エラーが起きました。');
		await expect(page.getByRole('alert')).toContainText('権限がありません');
	});
});
