import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/**
 * A small phone with the text at 200 %, as a senior sets it in the phone's settings: every
 * page is served with the root font size doubled (the page's own policy allows no inline
 * style, so the context bypasses it for this one rule).
 */
export async function seniorPhone(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
	const context = await browser.newContext({
		viewport: { width: 360, height: 640 },
		isMobile: true,
		hasTouch: true,
		bypassCSP: true,
		javaScriptEnabled: options.javaScriptEnabled ?? true
	});
	await context.route('**/*', async (route) => {
		if (route.request().resourceType() !== 'document') return route.continue();
		const response = await route.fetch({ maxRedirects: 0 });
		const type = response.headers()['content-type'] ?? '';
		if (!type.startsWith('text/html')) return route.fulfill({ response });
		const body = (await response.text()).replace('</head>', '<style>html { font-size: 200% !important; }</style></head>');
		return route.fulfill({ response, body });
	});
	return context;
}

/** A future session with seats, found from the town's list. */
export async function openSessionWithSeats(page: Page, municipality = '072028') {
	await page.goto(`/sessions?municipality=${municipality}`);
	await page.locator('.card', { hasText: '残り' }).first().getByRole('link').click();
	await expect(page.locator('a.button.big')).toBeVisible();
	return page.url().replace(/^.*\/sessions\//, '');
}

export interface Person {
	name: string;
	kana: string;
	age: '65_74' | '75_84' | '85_plus' | 'under_65';
	device: 'iphone' | 'android' | 'other' | 'none';
}

/** Fills the registration form as a senior would, one field at a time. */
export async function fillRegistration(page: Page, first: Person, phone: string, second?: Person) {
	await page.locator('#name1').fill(first.name);
	await page.locator('#kana1').fill(first.kana);
	await page.locator(`input[name=age1][value="${first.age}"]`).check();
	await page.locator(`input[name=device1][value="${first.device}"]`).check();
	await page.locator('#phone').fill(phone);
	if (second) {
		await page.locator('input[name=together]').check();
		await page.locator('#name2').fill(second.name);
		await page.locator('#kana2').fill(second.kana);
		await page.locator(`input[name=age2][value="${second.age}"]`).check();
		await page.locator(`input[name=device2][value="${second.device}"]`).check();
		await page.locator('input[name=loaner2]').check();
	}
	await page.locator('input[name=consent]').check();
}

/** A phone number no other test in the run uses. */
let numbers = 0;
export const freshPhone = () => `080-${String(Date.now() % 10_000).padStart(4, '0')}-${String(++numbers).padStart(4, '0')}`;
