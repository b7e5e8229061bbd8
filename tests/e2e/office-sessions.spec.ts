import { expect, test, type Page } from '@playwright/test';
import { demoPassword, expectNoAccessibilityViolations, signIn } from './helpers.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The first Monday at least `days` days from now, whose next weeks hold a holiday: a date staff will see flagged. */
function mondayBeforeAHoliday() {
	// 成人の日 (second Monday of January) of next year, three weeks before it.
	const year = new Date().getUTCFullYear() + 1;
	const january = new Date(Date.UTC(year, 0, 1));
	const firstMonday = 1 + ((8 - january.getUTCDay()) % 7);
	const comingOfAge = new Date(Date.UTC(year, 0, firstMonday + 7));
	return { first: new Date(comingOfAge.getTime() - 14 * 86_400_000).toISOString().slice(0, 10), holiday: comingOfAge.toISOString().slice(0, 10) };
}

async function fillClass(page: Page, title: string, date: string) {
	await page.getByLabel('教室の名前').fill(title);
	await page.getByLabel('テーマ').selectOption({ label: 'LINE' });
	await page.getByLabel('会場', { exact: true }).selectOption({ label: '中央公民館' });
	await page.getByLabel(/^(日付|1回目の日付)$/).fill(date);
	await page.getByLabel('始まる時刻').fill('13:30');
	await page.getByLabel('終わる時刻').fill('15:00');
	await page.getByLabel('教室・出張教室の定員(人)').fill('8');
	await page.getByLabel('持ち物').fill('スマートフォン、老眼鏡');
	await page.getByLabel('問い合わせの電話番号').fill('024-535-1111');
}

test.describe('the town office’s classes', () => {
	test('staff save a class as a draft, publish it, see it on the public page, then cancel it with a reason', async ({ page }) => {
		const title = `はじめてのLINE ${Date.now() % 100000}`;
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.goto('/office');
		// The home: what needs attention first, then this month's and next month's classes.
		await expect(page.getByRole('heading', { name: '気をつけたい教室' })).toBeVisible();
		await expect(page.getByRole('heading', { name: /^今月と来月の教室/ })).toBeVisible();
		await expect(page.getByText(/キャンセル待ちがいます/).first()).toBeVisible();
		await expectNoAccessibilityViolations(page);
		await page.getByRole('link', { name: '福島市: 教室の日程' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('教室の日程(福島市)');
		await expectNoAccessibilityViolations(page);
		await page.getByRole('link', { name: '教室を登録する' }).click();
		await expectNoAccessibilityViolations(page);
		await fillClass(page, title, inDays(40));
		await page.getByLabel('サポーターへの連絡(公開されません)').fill('延長コードを持ってきてください');
		await page.getByRole('button', { name: '下書きとして保存する' }).click();
		await expect(page.getByRole('status')).toHaveText(`「${title}」を保存しました。`);
		await expect(page.getByText('下書き', { exact: true })).toBeVisible();

		// Not public while a draft.
		const address = page.url().replace(/\?.*$/, '').replace('/office/sessions/', '/sessions/');
		const visitor = await page.context().browser()!.newPage();
		expect((await visitor.goto(address))?.status()).toBe(404);

		await page.getByRole('button', { name: '公開して申し込みを受け付ける' }).click();
		await expect(page.getByRole('status')).toHaveText('公開しました。申し込みを受け付けています。');
		expect((await visitor.goto(address))?.status()).toBe(200);
		await expect(visitor.getByRole('heading', { level: 1 })).toContainText(title);
		await expect(visitor.getByText('延長コード')).toHaveCount(0);

		// The flyer, as printed: the title, the date in 和暦, the phone number and a QR code to the public page.
		await page.getByRole('link', { name: 'チラシ(印刷用)' }).click();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page.getByText(/令和\d+年\d+月\d+日\(.\) 13:30〜15:00/)).toBeVisible();
		await expect(page.getByText('024-535-1111')).toBeVisible();
		await expect(page.getByRole('img', { name: /QRコード/ }).locator('svg path').first()).toBeAttached();
		await expect(page.getByText(address)).toBeVisible();
		await expect(page.locator('.site-header')).toBeHidden();
		await page.emulateMedia({ media: 'screen' });
		await expectNoAccessibilityViolations(page);
		await page.goto(address.replace('/sessions/', '/office/sessions/'));

		await page.getByRole('button', { name: '中止する' }).click();
		await expect(page.locator('#reason-error')).toHaveText('中止の理由を入力してください(500文字まで)。');
		await page.getByLabel('中止の理由(申し込んだ方と公開ページに表示されます)').fill('講師の都合により中止します。');
		await page.getByRole('button', { name: '中止する' }).click();
		await expect(page.getByRole('status')).toHaveText('中止しました。');
		await visitor.reload();
		await expect(visitor.getByText('講師の都合により中止します。')).toBeVisible();
		await visitor.close();
	});

	test('a weekly series leaves the holiday out until staff tick it, and saves the rest as drafts in one step', async ({ page }) => {
		const { first, holiday } = mondayBeforeAHoliday();
		const title = `全4回 スマホ入門 ${Date.now() % 100000}`;
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.goto('/office/sessions/series?town=072010');
		await fillClass(page, title, first);
		await page.getByLabel('間隔').selectOption('weekly');
		await page.getByLabel('回数').fill('4');
		await page.getByRole('button', { name: '日付を確かめる' }).first().click();

		const dates = page.getByRole('group', { name: '開く日' });
		await expect(dates.getByRole('checkbox')).toHaveCount(4);
		const flagged = dates.getByRole('listitem').filter({ hasText: '祝日: 成人の日' });
		await expect(flagged).toHaveCount(1);
		await expect(flagged.getByRole('checkbox')).not.toBeChecked();
		await expect(flagged.getByRole('checkbox')).toHaveAttribute('value', holiday);
		await expect(dates.getByRole('checkbox', { checked: true })).toHaveCount(3);
		await expectNoAccessibilityViolations(page);
		// The first date changed after the dates were shown: shown again, not saved.
		const later = new Date(Date.parse(`${first}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
		await page.getByLabel('1回目の日付').fill(later);
		await page.getByRole('button', { name: '印を付けた日の分を、下書きとして保存する' }).click();
		await expect(dates.getByRole('alert')).toHaveText('1回目の日付・間隔・回数が変わったため、開く日を出し直しました。印を確かめてから、もう一度保存してください。');
		await expect(dates.getByRole('checkbox').first()).toHaveAttribute('value', later);
		await expect(dates.getByRole('checkbox', { checked: true })).toHaveCount(3);
		await page.getByRole('button', { name: '印を付けた日の分を、下書きとして保存する' }).click();

		await expect(page.getByRole('status')).toContainText('3回分を下書きとして保存しました。');
		const parts = page.getByRole('listitem').filter({ hasText: title });
		await expect(parts).toHaveCount(3);
		await expect(parts.first()).toContainText('第1回');
	});

	test('bad input gets a message beside its field and saves nothing; text stays text', async ({ page }) => {
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.goto('/office/sessions/new?town=072010');
		const script = '<script>alert(1)</script>';
		await fillClass(page, script, '1900-01-01');
		await page.getByLabel('終わる時刻').fill('12:00');
		await page.getByLabel('教室・出張教室の定員(人)').fill('10000');
		await page.getByLabel('持ち物').fill(`<img src=x onerror=alert(1)>`);
		await page.getByLabel('問い合わせの電話番号').fill('電話して');
		await page.getByRole('button', { name: '下書きとして保存する' }).click();

		const beside = (name: string, message: string) => expect(page.locator(`#${name}-error`), name).toHaveText(message);
		await beside('title', '「<」で始まるタグのような書き方は使えません。');
		await beside('date', '日付は、1年前から2年後までの間で入力してください。');
		await beside('end_time', '終わる時刻は、始まる時刻より後にしてください。');
		await beside('capacity', '定員は1人から200人までの数字で入力してください。');
		await beside('what_to_bring', '「<」で始まるタグのような書き方は使えません。');
		await beside('contact_phone', '電話番号は「024-535-1111」のように数字とハイフンで入力してください。');
		await expect(page.getByLabel('教室の名前')).toHaveValue(script);
		await expect(page.locator('img[src="x"]')).toHaveCount(0);
		await expectNoAccessibilityViolations(page);

		// A title of 5,000 characters, posted as a hand-made form would: told, not cut.
		const response = await page.request.post('/office/sessions/new?town=072010', {
			form: { format: 'class', title: 'あ'.repeat(5000), topic_id: 'line', venue_id: '00000000-0000-0000-0000-000000000000', date: inDays(30), start_time: '13:30', end_time: '15:00', capacity: '8', device_focus: 'any' },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
		});
		expect(response.status()).toBe(400);
		expect(await response.text()).toContain('教室の名前は200文字までで入力してください。');

		await page.goto('/office/sessions?town=072010');
		await expect(page.getByText(script)).toHaveCount(0);
	});

	test('staff register a senior who phoned, see them in the list with their code, and cancel for them', async ({ page }) => {
		const title = `電話受付の教室 ${Date.now() % 100000}`;
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.goto('/office/sessions/new?town=072010');
		await fillClass(page, title, inDays(45));
		await page.getByLabel('教室・出張教室の定員(人)').fill('1');
		await page.getByRole('button', { name: '下書きとして保存する' }).click();
		await page.getByRole('button', { name: '公開して申し込みを受け付ける' }).click();
		await page.getByRole('link', { name: '申し込み', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`申し込み: ${title}`);
		await expect(page.getByText('まだ申し込みはありません。')).toBeVisible();

		// Without consent, and with markup for a name: told beside the fields, nothing taken.
		await page.getByLabel('お名前').first().fill('<script>alert(1)</script>');
		await page.getByRole('button', { name: '申し込みを登録する' }).click();
		await expect(page.getByRole('alert').first()).toBeVisible();
		await expect(page.locator('#consent-error')).toBeVisible();
		await expect(page.getByText('まだ申し込みはありません。')).toBeVisible();
		await expectNoAccessibilityViolations(page);

		const register = async (name: string, kana: string, phone: string) => {
			await page.getByLabel('お名前').first().fill(name);
			await page.getByLabel('ふりがな').first().fill(kana);
			await page.getByRole('group', { name: '年齢' }).first().getByLabel('85歳以上').check();
			await page.getByRole('group', { name: 'お使いのスマホ' }).first().getByLabel('持っていない').check();
			await page.getByLabel('電話番号').fill(phone);
			await page.getByLabel('情報の使い方を本人に説明し、同意を得ました').check();
			await page.getByRole('button', { name: '申し込みを登録する' }).click();
		};
		await register('電話 一郎', 'でんわ いちろう', '024-000-0101');
		await expect(page.getByRole('status')).toContainText('登録しました。確認番号は');
		await register('電話 二郎', 'でんわ じろう', '024-000-0102');
		await expect(page.getByRole('status')).toContainText('満席のため、キャンセル待ち1番で登録しました。');
		const rows = page.getByRole('row');
		await expect(rows.filter({ hasText: '電話 一郎' })).toContainText('参加');
		await expect(rows.filter({ hasText: '電話 二郎' })).toContainText('キャンセル待ち1番');
		await expect(rows.filter({ hasText: '電話 一郎' })).toContainText('電話');
		await expectNoAccessibilityViolations(page);

		// The attendance sheet, as printed: the registrants with tick boxes and rows for walk-ins,
		// no site header; phone numbers only on the call list.
		await page.getByRole('link', { name: '出席簿(印刷用)' }).click();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`出席簿: ${title}`);
		await expect(page.getByRole('row').filter({ hasText: '電話 一郎' })).toContainText('85歳以上');
		await expect(page.getByRole('row').filter({ hasText: '電話 二郎' })).toContainText('キャンセル待ち1番');
		await expect(page.locator('.site-header')).toBeHidden();
		await expect(page.getByText(/0240-?00-?0101/)).toHaveCount(0);
		expect(await page.locator('tr.blank').count()).toBeGreaterThanOrEqual(3);
		await page.emulateMedia({ media: 'screen' });
		await expectNoAccessibilityViolations(page);
		await page.goBack();
		await page.getByRole('link', { name: '連絡リスト(印刷用)' }).click();
		await expect(page.getByRole('row').filter({ hasText: '電話 一郎' })).toContainText('0240-00-0101'); // 0240 is an area code of its own (双葉)
		await page.goBack();

		// Two presses: the first opens a button that names the person.
		await expect(page.getByRole('button', { name: '電話 一郎さんの申し込みを取り消す' })).toBeHidden();
		await rows.filter({ hasText: '電話 一郎' }).locator('details.confirm summary').click();
		await page.getByRole('button', { name: '電話 一郎さんの申し込みを取り消す' }).click();
		await expect(page.getByRole('status')).toHaveText('取り消しました。キャンセル待ちの1人が参加になりました。連絡してください。 参加になった方: 電話 二郎');
		await expect(page.locator('tr.promoted')).toContainText('電話 二郎');
		await expect(rows.filter({ hasText: '電話 二郎' })).toContainText('参加');
		await expect(rows.filter({ hasText: '電話 一郎' })).toContainText('取り消し');
	});

	test('a venue of another town cannot be chosen, even by a hand-made form', async ({ page }) => {
		await signIn(page, 'aizu@demo.tsunagu.example', demoPassword);
		await page.goto('/office/venues?town=072028');
		const aizuVenue = (await page.getByRole('link', { name: '生涯学習センター' }).getAttribute('href'))!.split('/').pop()!;
		await page.getByRole('button', { name: 'ログアウト' }).click();
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.goto('/office/sessions/new?town=072010');
		await expect(page.getByLabel('会場', { exact: true }).locator('option', { hasText: '生涯学習センター' })).toHaveCount(0);
		const response = await page.request.post('/office/sessions/new?town=072010', {
			form: { format: 'class', title: 'よその会場', topic_id: 'line', venue_id: aizuVenue, date: inDays(30), start_time: '13:30', end_time: '15:00', capacity: '8', device_focus: 'any' },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
		});
		expect(response.status()).toBe(400);
		expect(await response.text()).toContain('この会場は選べません');
		expect((await page.goto('/office/sessions?town=072028'))?.status()).toBe(403);
	});
});

test('a town’s classes as a calendar feed: a draft stays out until it is published; parsed back', async ({ page }) => {
	const title = `カレンダー教室 ${Date.now() % 100000}`;
	await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
	await page.goto('/office/sessions/new?town=072010');
	await fillClass(page, title, inDays(50));
	await page.getByRole('button', { name: '下書きとして保存する' }).click();
	await expect(page.getByRole('status')).toHaveText(`「${title}」を保存しました。`);
	const edit = page.url().replace(/\?.*$/, '');

	await page.goto('/m/072010');
	const href = (await page.getByRole('link', { name: 'この市町村の教室をカレンダーで見る(iCal)' }).getAttribute('href'))!;
	const feed = async () => {
		const response = await page.request.get(href);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toContain('text/calendar');
		// Unfolded as RFC 5545 says: a line break followed by a space continues the line.
		return (await response.text()).replace(/\r\n[ \t]/g, '').split('\r\n');
	};
	let lines = await feed();
	expect(lines[0]).toBe('BEGIN:VCALENDAR');
	expect(lines.filter((l) => l === 'BEGIN:VEVENT').length).toBeGreaterThan(0);
	expect(lines.filter((l) => l.startsWith('DTSTART')).every((l) => /^DTSTART:\d{8}T\d{6}Z$/.test(l))).toBe(true);
	expect(lines).not.toContain(`SUMMARY:${title}`);

	await page.goto(edit);
	await page.getByRole('button', { name: '公開して申し込みを受け付ける' }).click();
	await expect(page.getByRole('status')).toHaveText('公開しました。申し込みを受け付けています。');
	lines = await feed();
	const start = lines.indexOf(`SUMMARY:${title}`);
	expect(start).toBeGreaterThan(0);
	const event = lines.slice(lines.lastIndexOf('BEGIN:VEVENT', start), lines.indexOf('END:VEVENT', start));
	// 13:30 in Japan is 04:30 UTC.
	expect(event).toContain(`DTSTART:${inDays(50).replaceAll('-', '')}T043000Z`);
	expect(event.find((l) => l.startsWith('LOCATION:'))).toContain('中央公民館');
	expect((await page.request.get('/m/999999/calendar.ics')).status()).toBe(404);
	expect((await page.request.get('/m/%3Cscript%3E/calendar.ics')).status()).toBe(404);
});
