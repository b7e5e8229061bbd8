import { expect, test, type Browser } from '@playwright/test';
import { fillRegistration, seniorPhone } from './seniors.ts';

// The whole of a senior's visit, on a small phone with the text at 200 %: find a class by
// town and by postal code, register two people typed the way people type, keep the code,
// come back to it with the phone number, and cancel. Once with JavaScript, once without.

async function seniorsVisit(browser: Browser, javaScriptEnabled: boolean, phone: string, people: [string, string]) {
	const context = await seniorPhone(browser, { javaScriptEnabled });
	const page = await context.newPage();

	// By town.
	await page.goto('/');
	await page.getByLabel('市町村', { exact: true }).selectOption('072010');
	await page.locator('form', { has: page.getByLabel('市町村', { exact: true }) }).getByRole('button', { name: 'さがす' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('福島市のスマホ教室');
	await expect(page).toHaveURL(/\/sessions\?municipality=072010$/);
	const byTown = await page.locator('.card h2 a').allTextContents();
	expect(byTown.length).toBeGreaterThan(0);

	// By postal code, typed in full-width with a full-width hyphen: the same town's classes.
	await page.goto('/');
	await page.getByLabel('郵便番号(7けた)').fill('９６０－０１０１');
	await page.locator('form', { has: page.getByLabel('郵便番号(7けた)') }).getByRole('button', { name: 'さがす' }).click();
	await expect(page.getByText('〒の住所: 福島市瀬上町')).toBeVisible();
	expect(await page.locator('.card h2 a').allTextContents()).toEqual(byTown);

	// Open one of them with two seats or more, and register two people.
	await page.locator('.card', { hasText: /残り([2-9]|\d\d)席/ }).first().getByRole('link').click();
	const sessionUrl = page.url();
	const seatsBefore = Number((await page.locator('.seats').textContent())!.match(/残り(\d+)席/)![1]);
	await page.locator('a.button.big').click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('教室の申込');
	await fillRegistration(page, { name: people[0], kana: 'ﾔﾏﾀﾞ ﾊﾅｺ', age: '75_84', device: 'android' }, phone,
		{ name: people[1], kana: 'やまだ　たろう', age: '85_plus', device: 'none' });
	await page.getByRole('button', { name: /申込/ }).click();

	await expect(page).toHaveURL(/\/r\/[A-Z0-9]{8}\?new=1$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(/^お申し込みを受付.*ました$/);
	const shown = (await page.locator('.big-code').textContent())!;
	expect(shown).toMatch(/^[ACDEFHJKMNPRTWXY34679]{4} [ACDEFHJKMNPRTWXY34679]{4}$/);
	const code = shown.replace(' ', '');
	// The page names the people by the readings they typed (as stored: full-width, one space).
	await expect(page.getByText('ヤマダ ハナコ')).toBeVisible();
	await expect(page.getByText('やまだ たろう')).toBeVisible();
	await expect(page.getByRole('link', { name: 'カレンダーに入れる' })).toHaveAttribute('href', /\/calendar\.ics$/);

	await page.goto(sessionUrl);
	const seatsAfter = Number((await page.locator('.seats').textContent())!.match(/残り(\d+)席/)?.[1] ?? 0);
	expect(seatsAfter).toBe(Math.max(seatsBefore - 2, 0));
	await context.close();

	// Later, on another phone: the code as written on paper, and the phone number.
	const later = await seniorPhone(browser, { javaScriptEnabled });
	const again = await later.newPage();
	await again.goto(`/r/${code.toLowerCase()}`);
	await expect(again).toHaveURL(new RegExp(`/r/${code}$`));
	await again.getByLabel('電話番号').fill(phone.replace(/-/g, ''));
	await again.getByRole('button', { name: '確認する' }).click();
	await expect(again.getByText('参加が決まっています')).toBeVisible();
	await expect(again.getByText('やまだ たろう')).toBeVisible();
	await again.getByRole('link', { name: 'この申し込みを取り消す' }).click();
	await again.getByRole('button', { name: '取り消す' }).click();
	await expect(again.getByRole('status')).toContainText('取り消しました');
	await expect(again.getByText('取り消し済み')).toBeVisible();
	await again.goto(sessionUrl);
	await expect(again.locator('.seats')).toContainText(`残り${seatsBefore}席`);
	await later.close();
}

test.describe('a senior registers on a small phone with large text', () => {
	test.describe.configure({ timeout: 90_000 });

	test('finds a class by town and by postal code, registers as a pair, sees the code, comes back and cancels', async ({ browser }) => {
		await seniorsVisit(browser, true, '０９０－１２３４－５６７８', ['山田 花子', '山田 太郎']);
	});

	test('does the same with JavaScript turned off', async ({ browser }) => {
		await seniorsVisit(browser, false, '０８０ー２２２２ー３３３３', ['佐藤 和子', '佐藤 一郎']);
	});
});
