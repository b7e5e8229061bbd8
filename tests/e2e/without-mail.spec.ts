import { expect, test } from '@playwright/test';

// Runs against the second server (playwright.config.ts), which has no SMTP_URL.
test.describe('without mail configured', () => {
	test('the sign-in page says whom to ask, and offers no reset by e-mail', async ({ page }) => {
		await page.goto('/signin');
		const forgot = page.locator('section', { has: page.getByRole('heading', { name: 'パスワードを忘れたとき' }) });
		await expect(forgot).toContainText('県の担当者');
		await expect(forgot).toContainText('お住まいの市町村の担当窓口');
		await expect(forgot.getByRole('link')).toHaveCount(0);
		expect((await page.goto('/password-reset'))?.status()).toBe(404);
	});

	test('and says so in English too', async ({ page, context, baseURL }) => {
		await context.addCookies([{ name: 'lang', value: 'en', url: baseURL! }]);
		await page.goto('/signin');
		await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
		await expect(page.getByText('They can give you a one-time password.')).toBeVisible();
	});
});
