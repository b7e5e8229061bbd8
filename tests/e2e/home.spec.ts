import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './helpers.ts';

test.describe('the public list of classes', () => {
	test('shows upcoming demo sessions with 和暦 dates, towns, venues and seats', async ({ page }) => {
		await page.goto('/');
		await expect(page).toHaveTitle(/スマホ教室をさがす/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
		const cards = page.locator('article');
		expect(await cards.count()).toBeGreaterThan(5);
		const first = cards.first();
		await expect(first.locator('.when')).toHaveText(/^令和\d+年\d+月\d+日\([日月火水木金土]\) \d\d:\d\d〜\d\d:\d\d$/);
		await expect(first).toContainText(/(市|町|村)・/);
		await expect(first).toContainText(/残り\d+席|満席/);
		await expect(first.getByRole('link')).toHaveAttribute('href', /^\/sessions\/[0-9a-f-]{36}$/);
		await expectNoAccessibilityViolations(page);
	});

	test('works without JavaScript, including the text size switch', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/');
		await expect(page.locator('article').first()).toBeVisible();
		await page.getByRole('button', { name: '特大' }).click();
		await page.getByRole('button', { name: '白黒' }).click();
		await expect(page).toHaveURL(/\/$/);
		await expect(page.getByRole('button', { name: '特大' })).toHaveAttribute('aria-pressed', 'true');
		await expect(page.locator('html')).toHaveAttribute('data-text-size', 'xlarge');
		await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
		// Measured in a scripted page carrying the same cookies.
		const measuring = await browser.newContext({ storageState: await context.storageState() });
		const check = await measuring.newPage();
		await check.goto('/');
		const size = await check.locator('body').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
		expect(size).toBeGreaterThanOrEqual(24);
		await expectNoAccessibilityViolations(check);
		await measuring.close();
		await context.close();
	});

	test('keeps touch targets at least 44 px tall on a small phone', async ({ browser }) => {
		const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
		const page = await context.newPage();
		await page.goto('/');
		for (const target of await page.locator('header a, header button').all()) {
			const box = await target.boundingBox();
			expect(box!.height).toBeGreaterThanOrEqual(44);
		}
		await context.close();
	});

	test('puts the display switches in the first screen of a small phone, even at the largest text', async ({ browser, baseURL }) => {
		const context = await browser.newContext({ viewport: { width: 320, height: 568 } });
		await context.addCookies([{ name: 'text_size', value: 'xlarge', url: baseURL! }]);
		const page = await context.newPage();
		await page.goto('/');
		for (const name of ['標準', '特大', '白黒', 'English']) {
			const box = (await page.getByRole('button', { name, exact: true }).first().boundingBox())!;
			expect(box.y + box.height, name).toBeLessThanOrEqual(568);
			expect(box.height, name).toBeGreaterThanOrEqual(44);
		}
		await expectNoAccessibilityViolations(page);
		await context.close();
	});

	test('switches to English and back', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a smartphone class');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByRole('button', { name: '日本語' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('スマホ教室をさがす');
	});

	test('sends a strict content security policy, and the page breaks none of it', async ({ page }) => {
		const problems: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error') problems.push(message.text());
		});
		const response = await page.goto('/');
		const headers = response!.headers();
		expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(headers['content-security-policy']).toMatch(/script-src 'self'(;| 'nonce-| 'sha256-)/);
		expect(headers['content-security-policy']).not.toContain('unsafe-inline');
		expect(headers['x-content-type-options']).toBe('nosniff');
		await page.goto('/signin');
		await page.getByRole('link', { name: '新規登録' }).first().click();
		await expect(page).toHaveURL(/\/signup$/);
		expect(problems).toEqual([]);
	});

	test('the display form ignores hostile values and never redirects off the site', async ({ request, baseURL }) => {
		const response = await request.post('/preferences', {
			form: { text_size: '<script>alert(1)</script>', contrast: 'high', lang: 'xx', return_to: '//evil.example/' },
			headers: { origin: new URL(baseURL!).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		expect(response.headers()['location']).toBe('/');
		const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value.split(';')[0]);
		expect(cookies).toEqual(['text_size=standard', 'contrast=high', 'lang=ja']);
	});

	test('reports health', async ({ request }) => {
		const response = await request.get('/healthz');
		expect(response.status()).toBe(200);
		expect(await response.json()).toEqual({ ok: true });
	});

	test('answers an unknown page with a plain 404', async ({ page }) => {
		const response = await page.goto('/no-such-page');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ページが見つかりません。');
	});
});
