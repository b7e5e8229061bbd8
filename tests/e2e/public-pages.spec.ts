import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { expectNoAccessibilityViolations } from './helpers.ts';
import { fillRegistration, freshPhone } from './seniors.ts';

// Every page a senior sees, checked as a whole: WCAG 2.1 AA with axe in both languages and
// in high contrast, and its weight on a slow rural network.

interface PublicPages {
	paths: string[];
	/** A context that holds the registration's cookie, for the confirmation page. */
	withRegistration: (context: BrowserContext) => Promise<void>;
}

let pages: PublicPages | undefined;

/** The public pages, with a fresh registration to show on the confirmation and /r pages (made once). */
async function publicPages(browser: Browser, baseURL: string): Promise<PublicPages> {
	if (pages) return pages;
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	await page.goto('/sessions');
	await page.locator('.card', { hasText: /残り\d+席/ }).first().getByRole('link').click();
	const session = new URL(page.url()).pathname;
	await page.goto(`${session}/register`);
	await fillRegistration(page, { name: '見本 和子', kana: 'みほん かずこ', age: '85_plus', device: 'none' }, freshPhone());
	await page.getByRole('button', { name: /申込/ }).click();
	await expect(page).toHaveURL(/\/r\/[A-Z0-9]{8}\?new=1$/);
	const confirmation = new URL(page.url()).pathname + '?new=1';
	const state = await context.storageState();
	await context.close();
	pages = {
		paths: ['/', '/sessions', '/sessions?municipality=072010&topic=line', '/m/072010', session, `${session}/register`, confirmation, '/r', confirmation.replace('?new=1', ''), '/opendata'],
		withRegistration: (target) => target.addCookies(state.cookies)
	};
	return pages;
}

const looks = [
	{ name: 'Japanese', cookies: [] },
	{ name: 'English', cookies: [{ name: 'lang', value: 'en' }] },
	{ name: 'high contrast', cookies: [{ name: 'contrast', value: 'high' }, { name: 'text_size', value: 'xlarge' }] }
];

for (const look of looks) {
	test(`every public page passes axe (WCAG 2.1 A/AA) in ${look.name}`, async ({ browser, baseURL }) => {
		test.setTimeout(120_000);
		const { paths, withRegistration } = await publicPages(browser, baseURL!);
		const context = await browser.newContext({ baseURL });
		await context.addCookies(look.cookies.map((c) => ({ ...c, url: baseURL! })));
		await withRegistration(context);
		const page = await context.newPage();
		for (const path of paths) {
			await page.goto(path);
			if (look.name === 'English') await expect(page.locator('html'), path).toHaveAttribute('lang', 'en');
			await expectNoAccessibilityViolations(page);
		}
		// The form with its errors showing, too.
		await page.goto(paths[5]!);
		await page.locator('form[method=POST] button[type=submit]').last().click();
		await expect(page.locator('.error-summary')).toBeVisible();
		await expectNoAccessibilityViolations(page);
		await context.close();
	});
}

test('every public page stays light: HTML under 50 KB, JavaScript under 20 KB, nothing from another origin', async ({ browser, baseURL }) => {
	const { paths, withRegistration } = await publicPages(browser, baseURL!);
	const context = await browser.newContext({ baseURL });
	await withRegistration(context);
	const page = await context.newPage();
	const origin = new URL(baseURL!).origin;
	for (const path of paths) {
		const requested: string[] = [];
		const bodies: { url: string; type: string; bytes: number }[] = [];
		const onRequest = (request: { url(): string }) => requested.push(request.url());
		const onResponse = async (response: { url(): string; request(): { resourceType(): string }; body(): Promise<Buffer> }) => {
			bodies.push({ url: response.url(), type: response.request().resourceType(), bytes: (await response.body().catch(() => Buffer.alloc(0))).length });
		};
		page.on('request', onRequest);
		page.on('response', onResponse);
		await page.goto(path, { waitUntil: 'networkidle' });
		page.off('request', onRequest);
		page.off('response', onResponse);
		const html = bodies.filter((b) => b.type === 'document').reduce((n, b) => n + b.bytes, 0);
		const javascript = bodies.filter((b) => b.type === 'script').reduce((n, b) => n + b.bytes, 0);
		console.log(`${path}: HTML ${html} bytes, JavaScript ${javascript} bytes, ${requested.length} requests`);
		expect(html, path).toBeGreaterThan(1000);
		expect(html, path).toBeLessThan(50_000);
		expect(javascript, path).toBeLessThan(20_000);
		expect(requested.filter((url) => new URL(url).origin !== origin), path).toEqual([]);
		expect(bodies.filter((b) => b.type === 'script').map((b) => new URL(b.url).pathname).filter((p) => p !== '/near-me.js'), path).toEqual([]);
	}
	await context.close();
});

test('every control on the public pages is a touch target of at least 44 × 44 px on a small phone', async ({ browser, baseURL }) => {
	const { paths, withRegistration } = await publicPages(browser, baseURL!);
	const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 640 } });
	await withRegistration(context);
	const page = await context.newPage();
	for (const path of paths) {
		await page.goto(path);
		await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
		const small = await page.locator('main :is(a, button, select, input, textarea, summary)').evaluateAll((elements) =>
			elements
				.map((element) => {
					const target = element.matches('input[type=checkbox], input[type=radio]') ? element.closest('label')! : element;
					const box = target.getBoundingClientRect();
					return { what: `${element.tagName.toLowerCase()} ${(element.textContent || element.getAttribute('name') || '').trim().slice(0, 30)}`, width: box.width, height: box.height };
				})
				.filter((b) => b.width > 0 && (b.width < 44 || b.height < 44))
		);
		expect(small, path).toEqual([]);
	}
	await context.close();
});
