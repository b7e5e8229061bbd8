import { expect, test, type Locator, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { demoPassword, expectNoAccessibilityViolations, signIn } from './helpers.ts';

// One clerk's morning, from start to end (issue 9): a new venue, a series of four classes,
// published in one step, a senior who phoned registered and later moved to another date,
// the attendance sheet and the flyer printed, and the class's calendar file read back.

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The picture of an element as printed, from a print-media screenshot; `inset` leaves out its borders. */
async function printedPixels(page: Page, element: Locator, inset = 0) {
	await element.scrollIntoViewIfNeeded();
	const box = (await element.boundingBox())!;
	const clip = { x: box.x + inset, y: box.y + inset, width: box.width - 2 * inset, height: box.height - 2 * inset };
	return PNG.sync.read(await page.screenshot({ clip, animations: 'disabled' }));
}

/** Share of pixels dark enough to be ink on paper (black and white printing). */
function inkShare(png: PNG) {
	let dark = 0;
	for (let i = 0; i < png.data.length; i += 4) {
		const luminance = 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!;
		if (luminance < 100) dark++;
	}
	return dark / (png.width * png.height);
}

/** Pages in a PDF as Chromium prints it (A4). */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

test('a clerk adds a venue and a series of 4, publishes it, registers a senior by phone, moves them, prints the sheet and flyer, and the .ics reads back', async ({ page }) => {
	test.setTimeout(120_000);
	const stamp = Date.now() % 100000;
	const venue = `旅程公民館${stamp}`;
	const title = `全4回 はじめてのスマホ ${stamp}`;
	await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);

	// The venue.
	await page.goto('/office/venues/new?town=072010');
	await page.getByLabel('会場の名前').fill(venue);
	await page.getByLabel('名前のふりがな').fill('りょていこうみんかん');
	await page.getByLabel('郵便番号').fill('960-8041');
	await page.getByLabel('住所').fill('福島市旅程町1-2');
	await page.getByRole('button', { name: '保存する' }).click();
	await expect(page.getByRole('status')).toHaveText(`「${venue}」を保存しました。`);

	// The series: four Tuesdays (or whatever weekday) two months ahead, all four kept.
	await page.goto('/office/sessions/series?town=072010');
	await page.getByLabel('教室の名前').fill(title);
	await page.getByLabel('テーマ').selectOption({ label: 'スマホの基本操作' });
	await page.getByLabel('会場', { exact: true }).selectOption({ label: venue });
	await page.getByLabel('1回目の日付').fill(inDays(60));
	await page.getByLabel('始まる時刻').fill('10:00');
	await page.getByLabel('終わる時刻').fill('11:30');
	await page.getByLabel('教室・出張教室の定員(人)').fill('1');
	await page.getByLabel('持ち物').fill('スマートフォン');
	await page.getByLabel('問い合わせの電話番号').fill('024-535-1111');
	await page.getByLabel('間隔').selectOption('weekly');
	await page.getByLabel('回数').fill('4');
	await page.getByRole('button', { name: '日付を確かめる' }).first().click();
	const dates = page.getByRole('group', { name: '開く日' });
	await expect(dates.getByRole('checkbox')).toHaveCount(4);
	for (const box of await dates.getByRole('checkbox').all()) await box.check();
	await page.getByRole('button', { name: '印を付けた日の分を、下書きとして保存する' }).click();
	await expect(page.getByRole('status')).toContainText('4回分を下書きとして保存しました。');
	await expect(page.getByRole('listitem').filter({ hasText: title })).toHaveCount(4);
	await expectNoAccessibilityViolations(page);

	// Published in one step, from the notice.
	await page.getByRole('button', { name: '下書きの4回をまとめて公開する' }).click();
	await expect(page.getByRole('status')).toHaveText('4回を公開しました。申し込みを受け付けています。');
	await page.goto('/office/sessions?town=072010&month=' + inDays(60).slice(0, 7));
	const parts = page.getByRole('listitem').filter({ hasText: title });
	await expect(parts.filter({ hasText: '公開中' })).toHaveCount(await parts.count());

	// A senior phones: registered for the first class. A second caller waits for it.
	await parts.filter({ hasText: '第1回' }).getByRole('link', { name: title }).click();
	const firstClass = page.url().replace(/\?.*$/, '');
	await page.getByRole('link', { name: '申し込み', exact: true }).click();
	const register = async (name: string, kana: string, phone: string) => {
		await page.getByLabel('お名前').first().fill(name);
		await page.getByLabel('ふりがな').first().fill(kana);
		await page.getByRole('group', { name: '年齢' }).first().getByLabel('75〜84歳').check();
		await page.getByRole('group', { name: 'お使いのスマホ' }).first().getByLabel('アンドロイド').check();
		await page.getByLabel('電話番号').fill(phone);
		await page.getByLabel('情報の使い方を本人に説明し、同意を得ました').check();
		await page.getByRole('button', { name: '申し込みを登録する' }).click();
		await expect(page.getByRole('status')).toContainText('登録しました。確認番号は');
	};
	await register('旅程 はな', 'りょてい はな', '024-555-0101');
	await register('旅程 ゆき', 'りょてい ゆき', '024-555-0102');
	const rows = page.getByRole('row');
	await expect(rows.filter({ hasText: '旅程 はな' })).toContainText('参加');
	await expect(rows.filter({ hasText: '旅程 ゆき' })).toContainText('キャンセル待ち1番');

	// はなさん cannot come on the first date: moved to the second; ゆきさん takes her seat.
	await page.getByRole('link', { name: '旅程 はなさんを別の回へ移す' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('旅程 はなさんを別の回へ移す');
	await expectNoAccessibilityViolations(page);
	await page.getByRole('button', { name: '移す' }).click();
	await expect(page.locator('#to-error')).toHaveText('移す先の回を選んでください。');
	await page.getByRole('radio', { name: /第2回/ }).check();
	await page.getByRole('button', { name: '移す' }).click();
	await expect(page.getByRole('status')).toContainText('の方をこの回へ移しました。席は確保できています。');
	await expect(page.getByRole('status')).toContainText('元の回では、キャンセル待ちの1人が参加になりました。');
	await expect(page.getByRole('row').filter({ hasText: '旅程 はな' })).toContainText('参加');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(title);

	// The attendance sheet, printed: her name in ink on the page, and it fits A4.
	await page.getByRole('link', { name: '出席簿(印刷用)' }).click();
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	const nameCell = page.getByRole('cell', { name: '旅程 はな', exact: true });
	await expect(nameCell).toBeVisible();
	const name = await printedPixels(page, nameCell, 4);
	const blank = await printedPixels(page, page.locator('tr.blank td').nth(1), 4);
	// Her name is ink on the page; the same place in a row for walk-ins is white paper.
	expect(inkShare(name)).toBeGreaterThan(0.03);
	expect(inkShare(blank)).toBeLessThan(0.005);
	const sheet = await page.pdf({ format: 'A4', printBackground: false });
	expect(pdfPages(sheet)).toBeGreaterThanOrEqual(1);
	await page.emulateMedia({ media: 'screen' });

	// The flyer, printed on one A4 page; its QR code, read from the picture, opens the class's public page.
	await page.goto(firstClass);
	await page.getByRole('link', { name: 'チラシ(印刷用)' }).click();
	await page.emulateMedia({ media: 'print' });
	const qr = await printedPixels(page, page.getByRole('img', { name: /QRコード/ }));
	const decoded = jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height);
	const publicPage = firstClass.replace('/office/sessions/', '/sessions/');
	expect(decoded?.data).toBe(publicPage);
	await expect(page.getByText(/令和\d+年\d+月\d+日\(.\) 10:00〜11:30/)).toBeVisible();
	expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(1);
	await page.emulateMedia({ media: 'screen' });

	// The month's flyer for the town: the series' classes of that month, and a QR code to the town's page.
	await page.goto(`/office/sessions/flyer?town=072010&month=${inDays(60).slice(0, 7)}`);
	await page.emulateMedia({ media: 'print' });
	const month = inDays(60).slice(0, 7);
	const inMonth = [0, 7, 14, 21].filter((d) => inDays(60 + d).slice(0, 7) === month).length;
	await expect(page.getByRole('listitem').filter({ hasText: title })).toHaveCount(inMonth);
	const townQr = await printedPixels(page, page.getByRole('img', { name: /QRコード/ }));
	expect(jsQR(new Uint8ClampedArray(townQr.data), townQr.width, townQr.height)?.data).toBe(new URL('/m/072010', page.url()).href);
	await page.emulateMedia({ media: 'screen' });
	await expectNoAccessibilityViolations(page);

	// The class's calendar file from its public page, parsed by a calendar library.
	await page.goto(publicPage);
	const href = (await page.getByRole('link', { name: /カレンダー/ }).getAttribute('href'))!;
	const response = await page.request.get(href);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/calendar');
	const calendar = new ICAL.Component(ICAL.parse(await response.text()));
	const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
	expect(events).toHaveLength(1);
	const event = events[0]!;
	expect(event.summary).toBe(title);
	expect(event.location).toContain(venue);
	expect(event.location).toContain('福島市旅程町1-2');
	expect(event.component.getFirstPropertyValue('url')).toBe(publicPage);
	// 10:00 in Japan, whatever zone the file is written in.
	expect(event.startDate.toJSDate().toISOString()).toBe(new Date(`${inDays(60)}T10:00:00+09:00`).toISOString());
	expect(event.endDate.toJSDate().toISOString()).toBe(new Date(`${inDays(60)}T11:30:00+09:00`).toISOString());
});
