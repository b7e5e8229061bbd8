import { expect, test } from '@playwright/test';

test.describe('finding a class', () => {
	test('pages through every upcoming class with next and previous links, keeping the search in the address', async ({ page }) => {
		await page.goto('/sessions');
		const total = Number((await page.getByText(/件の教室があります/).textContent())!.match(/(\d+)件/)![1]);
		expect(total).toBeGreaterThan(20);
		const seen = new Set<string>();
		let pages = 0;
		for (;;) {
			pages++;
			for (const href of await page.locator('.card h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) seen.add(href);
			const next = page.getByRole('link', { name: /次のページ/ });
			if ((await next.count()) === 0) break;
			await next.click();
		}
		expect(seen.size).toBe(total);
		expect(pages).toBe(Math.ceil(total / 20));
		await expect(page.getByRole('link', { name: /前のページ/ })).toHaveAttribute('href', new RegExp(`page=${pages - 1}|/sessions$`));
	});

	test('filters by topic, weekday, time of day and phone type from the form, as a shareable address', async ({ page }) => {
		await page.goto('/sessions');
		await page.getByText('条件を変える').click();
		await page.getByLabel('テーマ').selectOption('line');
		await page.getByLabel('午後').check();
		await page.getByLabel('Android(アンドロイド)').check();
		await page.getByRole('button', { name: 'さがす' }).first().click();
		await expect(page).toHaveURL(/topic=line/);
		await expect(page).toHaveURL(/part=pm/);
		await expect(page).toHaveURL(/device=android/);
		for (const card of await page.locator('.card').all()) {
			await expect(card).toContainText('LINE');
			await expect(card.locator('.when')).toContainText(/ (1[2-9]|2[0-3]):/);
			await expect(card).not.toContainText('iPhone向け');
		}
		// A shared address opens the same list.
		const url = page.url();
		const again = await page.context().newPage();
		await again.goto(url);
		expect(await again.locator('.card h2 a').allTextContents()).toEqual(await page.locator('.card h2 a').allTextContents());
	});

	test('a town’s page has its classes and a phone number to call', async ({ page }) => {
		await page.goto('/m/072010');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('福島市のスマホ教室');
		await expect(page.getByText('県北地方')).toBeVisible();
		await expect(page.getByRole('link', { name: /に電話する$/ }).first()).toHaveAttribute('href', /^tel:0[0-9-]+$/);
		expect(await page.locator('.card').count()).toBeGreaterThan(0);
	});

	test('a class page has a map link, a phone link and a calendar file in Japan time', async ({ page, request }) => {
		await page.goto('/sessions');
		await page.locator('.card h2 a').first().click();
		await expect(page.getByRole('link', { name: '地図アプリで場所を見る' })).toHaveAttribute('href', /^https:\/\/www\.google\.com\/maps\/search\/\?api=1&query=/);
		const when = (await page.locator('.when').textContent())!;
		const calendarHref = (await page.getByRole('link', { name: 'カレンダーに入れる' }).getAttribute('href'))!;
		const ics = await request.get(calendarHref);
		expect(ics.headers()['content-type']).toContain('text/calendar');
		const text = await ics.text();
		expect(text).toContain('BEGIN:VEVENT');
		const start = /DTSTART:(\d{8}T\d{6}Z)/.exec(text)![1]!;
		const at = new Date(start.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, '$1-$2-$3T$4:$5:$6Z'));
		const tokyo = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Tokyo' }).format(at);
		expect(when).toContain(tokyo);
	});

	test('near me: with the location refused, the town and postal code searches still work', async ({ browser }) => {
		const context = await browser.newContext({ permissions: [] });
		const page = await context.newPage();
		await page.goto('/');
		await page.getByRole('button', { name: '今いる場所の近くをさがす' }).click();
		await expect(page.getByRole('alert')).toContainText('今いる場所がわかりませんでした');
		await page.getByLabel('郵便番号(7けた)').fill('9600101');
		await page.locator('form', { has: page.getByLabel('郵便番号(7けた)') }).getByRole('button', { name: 'さがす' }).click();
		await expect(page.getByText('〒の住所: 福島市瀬上町')).toBeVisible();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('福島市のスマホ教室');
		await context.close();
	});

	test('near me: with the location given, nearest first with distances, rounded before it leaves the phone', async ({ browser }) => {
		const context = await browser.newContext({ permissions: ['geolocation'], geolocation: { latitude: 37.495678, longitude: 139.931234 } });
		const page = await context.newPage();
		await page.goto('/');
		await page.getByRole('button', { name: '今いる場所の近くをさがす' }).click();
		await expect(page).toHaveURL(/\/sessions\?lat=37\.50&lng=139\.93&sort=near$/);
		await expect(page.getByText('今いる場所から近い順に並べています。')).toBeVisible();
		const distances = (await page.locator('.distance').allTextContents()).map((t) => Number(t.match(/約(\d+)km/)![1]));
		expect(distances.length).toBeGreaterThan(1);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		await expect(page.locator('.card').first()).toContainText('会津若松市');
		await context.close();
	});

	test('a postal code that does not exist, or lies outside the prefecture, says so plainly', async ({ page }) => {
		await page.goto('/sessions?postal=9999999');
		await expect(page.getByRole('alert')).toContainText('この郵便番号は見つかりませんでした');
		await page.goto('/sessions?postal=100-0001');
		await expect(page.getByRole('alert')).toContainText('千代田区千代田は、この案内の対象の地域の外です');
	});

	test('near me stays on offer when the browser revalidates the page it kept (a 304 keeps the page’s own policy)', async ({ page, request }) => {
		const first = await request.get('/');
		const etag = first.headers()['etag']!;
		const again = await request.get('/', { headers: { 'if-none-match': etag } });
		expect(again.status()).toBe(304);
		expect(again.headers()['content-security-policy']).toBeUndefined();
		await page.goto('/');
		await expect(page.getByRole('button', { name: '今いる場所の近くをさがす' })).toBeVisible();
		await page.reload();
		await expect(page.getByRole('button', { name: '今いる場所の近くをさがす' })).toBeVisible();
		await page.getByRole('link', { name: '教室をさがす' }).click();
		await expect(page.getByRole('button', { name: '今いる場所の近くをさがす' })).toBeVisible();
	});
});
