import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { fillRegistration, freshPhone, openSessionWithSeats } from './seniors.ts';

// Bad input and closed doors: each gets a clear message on the page, nothing is stored
// (the seats count stays), and no script in any field ever runs.

/** A well-formed registration posted straight to a class, as a form without the page would. */
const postRegistration = (request: APIRequestContext, baseURL: string, id: string) =>
	request.post(`/sessions/${id}/register`, {
		form: { name1: '見本 花子', kana1: 'みほん はなこ', age1: '75_84', device1: 'iphone', phone: freshPhone(), consent: 'yes' },
		headers: { origin: new URL(baseURL).origin, accept: 'text/html' },
		maxRedirects: 0
	});

const seatsOf = async (page: Page, id: string) => {
	await page.goto(`/sessions/${id}`);
	return (await page.locator('.seats').textContent())!.trim();
};

test.describe('registration refuses what it cannot take, and says why', () => {
	test('an empty form: a message beside each field, and a summary', async ({ page }) => {
		const id = await openSessionWithSeats(page);
		await page.goto(`/sessions/${id}/register`);
		await page.getByRole('button', { name: /申込/ }).click();
		const summary = page.getByRole('alert');
		await expect(summary).toContainText('入力内容を確認してください。');
		for (const text of ['お名前を入力してください。', 'ふりがなを入力してください。', '年齢を選んでください。', 'お使いのスマホを選んでください。', '電話番号を入力してください。', '同意の欄にチェック']) {
			await expect(summary).toContainText(text);
		}
		await expect(page.locator('#name1')).toHaveAttribute('aria-invalid', 'true');
	});

	test('script tags in every field, an emoji in the reading, a 10,000-character name, a bad phone number', async ({ page }) => {
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		const id = await openSessionWithSeats(page);
		const before = await seatsOf(page, id);
		const script = '<script>alert(1)</script>';
		const cases: [Partial<Record<'name' | 'kana' | 'phone' | 'note', string>>, string][] = [
			[{ name: script, kana: script, phone: script, note: script }, 'ふりがなは、ひらがなかカタカナで入力してください。'],
			[{ kana: 'やまだ😀' }, 'ふりがなは、ひらがなかカタカナで入力してください。'],
			[{ name: '山'.repeat(10_000) }, 'お名前は60文字までで入力してください。'],
			[{ phone: '123-4567' }, '電話番号は、0から始まる10けたか11けたの数字で入力してください。'],
			[{ phone: '090-1234-5678"><img src=x onerror=alert(1)>' }, '電話番号は、0から始まる10けたか11けたの数字で入力してください。']
		];
		for (const [input, message] of cases) {
			await page.goto(`/sessions/${id}/register`);
			await fillRegistration(page, { name: input.name ?? '見本 花子', kana: input.kana ?? 'みほん はなこ', age: '75_84', device: 'iphone' }, input.phone ?? freshPhone());
			if (input.note) await page.locator('#note').fill(input.note);
			await page.getByRole('button', { name: /申込/ }).click();
			await expect(page.getByRole('alert')).toContainText(message);
			await expect(page).toHaveURL(new RegExp(`/sessions/${id}/register$`));
		}
		// What was typed comes back as text, never as markup.
		await page.goto(`/sessions/${id}/register`);
		await fillRegistration(page, { name: script, kana: 'やまだ', age: '75_84', device: 'iphone' }, '12');
		await page.getByRole('button', { name: /申込/ }).click();
		await expect(page.locator('#name1')).toHaveValue(script);
		expect(await page.locator('script:not([src])').evaluateAll((s) => s.map((e) => e.textContent).filter((t) => t?.includes('alert')))).toEqual([]);
		expect(dialogs).toEqual([]);
		expect(await seatsOf(page, id)).toBe(before);
	});

	test('a NUL byte is refused and never echoed back into the page', async ({ page, request, baseURL }) => {
		const id = await openSessionWithSeats(page);
		const posted = await request.post(`/sessions/${id}/register`, {
			form: { name1: '見本\u0000花子', kana1: 'みほん はなこ', age1: '75_84', device1: 'iphone', phone: freshPhone(), note: 'a\u0000b', consent: 'yes' },
			headers: { origin: new URL(baseURL!).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(posted.status()).toBe(400);
		const html = await posted.text();
		expect(html).toContain('お名前に使えない文字が入っています。');
		expect(html).not.toContain('\u0000');
		expect(html).toContain('value="見本花子"');
	});

	test('the same person twice is told so, not registered twice', async ({ page }) => {
		const id = await openSessionWithSeats(page);
		const phone = freshPhone();
		const person = { name: '見本 二郎', kana: 'みほん じろう', age: '65_74', device: 'android' } as const;
		await page.goto(`/sessions/${id}/register`);
		await fillRegistration(page, person, phone);
		await page.getByRole('button', { name: /申込/ }).click();
		await expect(page).toHaveURL(/\/r\/[A-Z0-9]{8}\?new=1$/);
		const after = await seatsOf(page, id);
		await page.goto(`/sessions/${id}/register`);
		await fillRegistration(page, { ...person, kana: 'ミホン　ジロウ' }, phone.replace(/-/g, ''));
		await page.getByRole('button', { name: /申込/ }).click();
		await expect(page.getByRole('alert')).toContainText('すでにこの教室に申し込まれています');
		expect(await seatsOf(page, id)).toBe(after);
	});

	test('a cancelled class shows its reason and takes no registration', async ({ page, request, baseURL }) => {
		await page.goto('/sessions');
		const cancelled = page.locator('.card', { hasText: 'この教室は中止になりました' }).first();
		await cancelled.getByRole('link').click();
		const id = page.url().split('/sessions/')[1]!;
		await expect(page.getByRole('alert')).toContainText('この教室は中止になりました');
		await expect(page.getByRole('alert')).toContainText('講師の都合により中止します。');
		await expect(page.locator('a.button.big')).toHaveCount(0);
		await page.goto(`/sessions/${id}/register`);
		await expect(page.getByRole('alert')).toContainText('この教室は中止になったため、申し込めません。');
		await expect(page.locator('form #name1')).toHaveCount(0);
		// Posting anyway is refused in the same words.
		const posted = await postRegistration(request, baseURL!, id);
		expect(posted.status()).toBe(400);
		expect(await posted.text()).toContain('この教室は中止になったため、申し込めません。');
	});

	test('a class whose registration has closed says to call, and refuses a post', async ({ page, request, baseURL }) => {
		await page.goto('/sessions');
		let found = false;
		for (let p = 1; p <= 5 && !found; p++) {
			await page.goto(`/sessions?page=${p}`);
			const closed = page.locator('.card', { hasText: /締.*め.*切.*りました/ });
			if (await closed.count()) {
				await closed.first().getByRole('link').click();
				found = true;
			}
		}
		expect(found).toBe(true);
		const id = page.url().split('/sessions/')[1]!;
		await expect(page.locator('.warning')).toContainText('お問い合わせ先にお電話ください');
		await expect(page.getByRole('link', { name: /に電話する$/ })).toHaveAttribute('href', /^tel:[0-9-]+$/);
		const posted = await postRegistration(request, baseURL!, id);
		expect(posted.status()).toBe(400);
		expect(await posted.text()).toContain('この教室の申し込みの受付は締め切りました。');
	});

	test('an unknown, malformed or draft-like id is a friendly 404, never a 500', async ({ page }) => {
		for (const path of ['/sessions/00000000-0000-0000-0000-000000000000', '/sessions/not-an-id', '/sessions/00000000-0000-0000-0000-000000000000/register', '/sessions/x/calendar.ics', '/m/999999', '/m/abc', '/r/!!', '/r/' + 'A'.repeat(40)]) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(404);
			await expect(page.getByRole('link', { name: 'トップページへ戻る' }), path).toBeVisible();
		}
	});
});
