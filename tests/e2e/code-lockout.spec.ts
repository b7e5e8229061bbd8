import { expect, test } from '@playwright/test';
import { fillRegistration, freshPhone, openSessionWithSeats } from './seniors.ts';

// Runs on a server of its own (playwright.config.ts): it locks 127.0.0.1 out of code lookups
// for an hour.
test('a wrong confirmation code eleven times: plain answers, then a pause for the address, even for the right code', async ({ page, browser }) => {
	test.setTimeout(90_000);
	const id = await openSessionWithSeats(page);
	const seats = async () => (await page.goto(`/sessions/${id}`), (await page.locator('.seats').textContent())!.trim());
	const before = await seats();
	const phone = freshPhone();
	await page.goto(`/sessions/${id}/register`);
	await fillRegistration(page, { name: '見本 三郎', kana: 'みほん さぶろう', age: '65_74', device: 'iphone' }, phone);
	await page.getByRole('button', { name: /申込/ }).click();
	const code = (await page.locator('.big-code').textContent())!.replace(' ', '');

	const stranger = await (await browser.newContext()).newPage();
	for (let i = 0; i < 10; i++) {
		await stranger.goto('/r');
		await stranger.getByLabel('確認コード').fill(`WRONG${String(i).padStart(3, '0')}`);
		await stranger.getByLabel('電話番号').fill(phone);
		await stranger.getByRole('button', { name: '確認する' }).click();
		await expect(stranger.getByRole('alert')).toContainText('確認コードか電話番号がちがいます。');
	}
	await stranger.goto('/r');
	await stranger.getByLabel('確認コード').fill(code);
	await stranger.getByLabel('電話番号').fill(phone);
	const answer = stranger.waitForResponse((r) => r.request().method() === 'POST');
	await stranger.getByRole('button', { name: '確認する' }).click();
	expect((await answer).status()).toBe(429);
	await expect(stranger.getByRole('alert')).toContainText('1時間ほど確認を止めています');
	await expect(stranger.getByText(code)).toHaveCount(0);

	// Its holder, at the same address, is paused too, and told so; the seat stays taken.
	await page.goto(`/r/${code}`);
	await expect(page.getByRole('alert')).toContainText('1時間ほど確認を止めています');
	expect(await seats()).not.toBe(before);
});
