import { expect, test, type Page } from '@playwright/test';
import { demoPassword, expectNoAccessibilityViolations, signIn } from './helpers.ts';

// Check-in at the class on a phone that loses its connection (issue 11): marks made offline
// are kept on the phone and sent when it returns; a mark whose answer was lost is sent
// again; and however the marks arrive, each person has one, the latest made.

/** Japan's date and time `minutes` from now: ['2026-12-01', '13:40']. */
function inJapan(minutes: number): [string, string] {
	const at = new Date(Date.now() + minutes * 60_000 + 9 * 3_600_000).toISOString();
	return [at.slice(0, 10), at.slice(11, 16)];
}

async function classStartingSoon(page: Page, title: string) {
	const [date, start] = inJapan(10);
	const [endDate, end] = inJapan(70);
	await page.goto('/office/sessions/new?town=072010');
	await page.getByLabel('教室の名前').fill(title);
	// Not a LINE class: the finding tests expect LINE classes in the afternoon, and this one may be at night.
	await page.getByLabel('テーマ').selectOption({ label: '詐欺対策' });
	await page.getByLabel('日付').fill(date);
	await page.getByLabel('始まる時刻').fill(start);
	await page.getByLabel('終わる時刻').fill(endDate === date ? end : '23:59');
	await page.getByLabel('教室・出張教室の定員(人)').fill('8');
	await page.getByLabel('申し込みの締め切り').selectOption({ label: '教室が始まるまで' });
	await page.getByRole('button', { name: '下書きとして保存する' }).click();
	await page.getByRole('button', { name: '公開して申し込みを受け付ける' }).click();
	await expect(page.getByRole('status')).toHaveText('公開しました。申し込みを受け付けています。');
	return page.url().replace(/\?.*$/, '');
}

test('offline, five people are marked present; back online the server holds exactly those marks, however often they are sent', async ({ page, context }) => {
	test.setTimeout(90_000);
	await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
	const session = await classStartingSoon(page, `出席の教室 ${Date.now() % 100000}`);
	const origin = new URL(page.url()).origin;
	const names = ['出席 一', '出席 二', '出席 三', '出席 四', '出席 五'];
	for (const [i, name] of names.entries()) {
		const response = await page.request.post(`${session}/registrations?/register`, {
			form: { name1: name, kana1: `しゅっせき ${'いちにさんしご'[i]}`, age1: '75_84', device1: 'iphone', phone: `024-111-00${i}${i}`, consent: 'yes' },
			headers: { origin }
		});
		expect(response.status()).toBeLessThan(400);
	}

	await page.goto(`${session}/attendance`);
	await expect(page.locator('ul.people[data-ready="true"]')).toBeAttached();
	await expect(page.getByRole('status')).toHaveText('出席 0人(5人中)');
	await expectNoAccessibilityViolations(page);

	await context.setOffline(true);
	for (const name of names) await page.getByRole('button', { name: `出席: ${name}` }).click();
	// Changed their mind about one, twice: the last tap is what counts.
	await page.getByRole('button', { name: '欠席: 出席 三' }).click();
	await page.getByRole('button', { name: '出席: 出席 三' }).click();
	await expect(page.getByRole('status')).toHaveText('出席 5人(5人中)');
	await expect(page.locator('#pending')).toContainText('まだ送っていない記録が7件あります');

	// (Routed only now: Playwright's route.fetch is not held by the offline switch.)
	// Every mark the page sends, as sent, to send them all again at the end.
	const sent: string[] = [];
	let lose = 1;
	await page.route('**/attendance?/mark', async (route) => {
		sent.push(route.request().postData() ?? '');
		const response = await route.fetch();
		// The first answer after the connection returns is lost on the way back.
		if (lose-- > 0) return route.abort();
		return route.fulfill({ response });
	});

	await context.setOffline(false);
	await expect(page.locator('#pending')).toBeHidden({ timeout: 20_000 });
	// One was sent twice: its answer was lost.
	expect(sent.length).toBeGreaterThanOrEqual(8);

	// Everything sent once more, newest first, as a confused phone might.
	for (const body of [...sent].reverse()) {
		const response = await page.request.post(`${session}/attendance?/mark`, { data: body, headers: { origin, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' } });
		expect(response.status()).toBe(200);
	}
	await page.unroute('**/attendance?/mark');
	await page.evaluate(() => localStorage.clear());
	await page.reload();
	await expect(page.getByRole('status')).toHaveText('出席 5人(5人中)');
	for (const name of names) await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('出席');
	await expect(page.getByRole('listitem').filter({ hasText: '出席 三' }).locator('.state')).toHaveText('出席');
});

test('without a script, marks and walk-ins are plain forms; a walk-in is added once', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
	const session = await classStartingSoon(page, `紙のような出席 ${Date.now() % 100000}`);
	await page.goto(`${session}/attendance`);
	await expect(page.getByRole('status')).toHaveText('出席 0人(0人中)');
	// A registrant marked present, then (from the page as it was, going back) absent: the later mark stands.
	const origin = new URL(page.url()).origin;
	await page.request.post(`${session}/registrations?/register`, {
		form: { name1: '紙 一郎', kana1: 'かみ いちろう', age1: '75_84', device1: 'iphone', phone: '024-111-0098', consent: 'yes' }, headers: { origin }
	});
	await page.reload();
	// The absent button's form as this page holds it, to send after the present one.
	const absent = page.locator('form').filter({ has: page.getByRole('button', { name: '欠席: 紙 一郎' }) });
	const fields = Object.fromEntries(await absent.locator('input[type=hidden]').evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])));
	await page.getByRole('button', { name: '出席: 紙 一郎' }).click();
	await expect(page.getByRole('status')).toHaveText('出席 1人(1人中)');
	await page.request.post(`${session}/attendance?/mark`, { form: fields, headers: { origin } });
	await page.goto(`${session}/attendance`);
	await expect(page.getByRole('status')).toHaveText('出席 0人(1人中)');
	await page.getByLabel('お名前').fill('当日 来た');
	await page.getByLabel('ふりがな').fill('とうじつ きた');
	await page.getByRole('group', { name: '年齢' }).getByLabel('85歳以上').check();
	await page.getByRole('group', { name: 'お使いのスマホ' }).getByLabel('持っていない').check();
	await page.getByLabel('電話番号').fill('024-111-0099');
	await page.getByRole('button', { name: '当日参加として加える' }).click();
	await expect(page.getByRole('status')).toHaveText('出席 1人(2人中)');
	await expect(page.getByRole('listitem').filter({ hasText: '当日 来た' })).toContainText('当日参加');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	// Sent again (a reload of the answer): still one.
	await page.goBack();
	await page.getByRole('button', { name: '当日参加として加える' }).click().catch(() => {});
	await page.goto(`${session}/attendance`);
	await expect(page.getByRole('status')).toHaveText('出席 1人(2人中)');
	await context.close();
});
