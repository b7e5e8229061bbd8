import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import Encoding from 'encoding-japanese';
import { attendanceColumns, personColumns, sessionColumns } from '../../src/lib/server/exports/columns.ts';
import { fiscalYearOf } from '../../src/lib/domain/wareki.ts';
import { demoPassword, expectNoAccessibilityViolations, signIn } from './helpers.ts';

// Staff exports (issue 11, item 5) in Chromium against the built app and its demo data: the
// files as Excel gets them (BOM, or Shift_JIS), a name only in the file with names, and
// nobody else's town.

const town = '072010'; // 福島市, whose staff is fukushima@demo
const rowsOf = (text: string) => parse(text, { relax_column_count: false }) as string[][];

/** A published class of town A three weeks ahead, with one registrant of a name nobody else has. */
async function classWithRegistrant(page: Page, name: string) {
	const date = new Date(Date.now() + 21 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
	await page.goto(`/office/sessions/new?town=${town}`);
	await page.getByLabel('教室の名前').fill(`書き出しの教室 ${Date.now() % 100000}`);
	await page.getByLabel('テーマ').selectOption({ label: '写真' });
	await page.getByLabel('日付').fill(date);
	await page.getByLabel('始まる時刻').fill('10:00');
	await page.getByLabel('終わる時刻').fill('11:30');
	await page.getByLabel('教室・出張教室の定員(人)').fill('8');
	await page.getByLabel('申し込みの締め切り').selectOption({ label: '教室が始まるまで' });
	await page.getByRole('button', { name: '下書きとして保存する' }).click();
	await page.getByRole('button', { name: '公開して申し込みを受け付ける' }).click();
	await expect(page.getByRole('status')).toHaveText('公開しました。申し込みを受け付けています。');
	const session = page.url().replace(/\?.*$/, '');
	const response = await page.request.post(`${session}/registrations?/register`, {
		form: { name1: name, kana1: 'かきだし はなこ', age1: '85_plus', device1: 'android', phone: '024-535-9876', consent: 'yes' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(response.status()).toBeLessThan(400);
	return session;
}

/** The town's sessions in a fiscal year, counted on the office's own list, two months a page. */
async function sessionsListed(page: Page, year: number) {
	let count = 0;
	for (const month of ['04', '06', '08', '10', '12', '02']) {
		await page.goto(`/office/sessions?town=${town}&month=${month === '02' ? year + 1 : year}-${month}`);
		count += await page.locator('ul.sessions > li').count();
	}
	return count;
}

test('town staff download the sessions, in UTF-8 with a BOM or in Shift_JIS, and attendance with names only when asked', async ({ page }) => {
	test.setTimeout(90_000);
	await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
	const name = `書出 花子${Date.now() % 1000}`;
	const session = await classWithRegistrant(page, name);
	const year = fiscalYearOf(new Date());

	await page.goto(`/office/sessions?town=${town}`);
	await page.getByRole('link', { name: 'データの書き出し(CSV)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('福島市のデータの書き出し(CSV)');
	await expect(page.getByLabel('年度')).toHaveValue(String(year));
	await expect(page.getByText('氏名つきの出欠の一覧は個人情報です')).toBeVisible();
	await expectNoAccessibilityViolations(page);

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '教室の一覧をダウンロード' }).click()]);
	expect(download.suggestedFilename()).toBe(`tsunagu-${town}-sessions-${year}.csv`);
	const bytes = await readFile((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const rows = rowsOf(new TextDecoder('utf-8').decode(bytes.subarray(3)));
	expect(rows[0]).toEqual([...sessionColumns]);
	expect(rows.length - 1).toBe(await sessionsListed(page, year));
	for (const row of rows.slice(1)) {
		expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(row[1]).toMatch(/^令和(元|\d+)年\d+月\d+日$/);
		expect(row[2]).toMatch(/^\d{2}:\d{2}$/);
	}

	// The choice for older Excel: Shift_JIS, no BOM, the same table.
	await page.goto(`/office/exports?town=${town}`);
	await page.getByLabel('古いExcel向け(Shift_JIS)').check();
	const [sjis] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '教室の一覧をダウンロード' }).click()]);
	const sjisBytes = await readFile((await sjis.path())!);
	expect(Encoding.detect(sjisBytes)).toBe('SJIS');
	expect(rowsOf(new TextDecoder('shift_jis').decode(sjisBytes))).toEqual(rows);
	const direct = await page.request.get(`/office/exports/sessions.csv?town=${town}&fy=${year}&encoding=shift_jis`);
	expect(direct.headers()['content-type']).toContain('Shift_JIS');
	expect(Encoding.codeToString(Encoding.convert(await direct.body(), { to: 'UNICODE', from: 'SJIS' }))).toContain(sessionColumns.join(','));

	// Attendance: no name in the plain file; the name in the one with names.
	const plain = await page.request.get(`${session}/attendance.csv`);
	expect(plain.status()).toBe(200);
	expect(plain.headers()['content-disposition']).toMatch(/^attachment; filename="tsunagu-072010-attendance-\d{8}-[0-9a-f]{8}\.csv"$/);
	const plainText = new TextDecoder().decode((await plain.body()).subarray(3));
	expect(plainText).not.toContain(name);
	expect(plainText).not.toContain('024-535-9876');
	const plainRows = rowsOf(plainText);
	expect(plainRows[0]).toEqual([...attendanceColumns]);
	expect(plainRows.slice(1).map((r) => [r[0], r[4], r[5], r[6], r[8], r[9]])).toEqual([['1', '申込(確定)', '電話', 'Android', '85歳以上', '未記録']]);
	await page.goto(session);
	const [named] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '出欠の一覧(氏名・電話番号つき、個人情報)' }).click()]);
	const namedRows = rowsOf(new TextDecoder().decode((await readFile((await named.path())!)).subarray(3)));
	expect(namedRows[0]).toEqual([...attendanceColumns, ...personColumns]);
	expect(namedRows[1]!.slice(-3)).toEqual([name, 'かきだし はなこ', '024-535-9876']);

	// Another town's staff: refused, whether with names or not.
	const aizu = await page.context().browser()!.newContext();
	const other = await aizu.newPage();
	await signIn(other, 'aizu@demo.tsunagu.example', demoPassword);
	await other.waitForURL((url) => url.pathname !== '/signin');
	for (const address of [`${session}/attendance.csv`, `${session}/attendance.csv?names=1`, `/office/exports/sessions.csv?town=${town}&fy=${year}`, `/office/progress.csv?town=${town}`, `/office/exports?town=${town}`]) {
		expect([403, 404], address).toContain((await other.request.get(address)).status());
	}
	await aizu.close();
});

test('the prefecture admin exports progress and counts, but not names', async ({ page }) => {
	await signIn(page, 'admin@demo.tsunagu.example', demoPassword);
	await page.waitForURL((url) => url.pathname !== '/signin');
	const pref = await page.request.get('/pref/progress.csv?pref=07');
	expect(pref.status()).toBe(200);
	const rows = rowsOf(new TextDecoder().decode((await pref.body()).subarray(3)));
	expect(rows[0]).toEqual(['年度', '年度(和暦)', '対象', '区分', '内訳コード', '内訳', '月', '月(和暦)', '項目', '値', '目標', '達成率(%)']);
	expect(rows.filter((r) => r[3] === '市町村別' && r[8] === '開催回数')).toHaveLength(59);
	expect((await page.request.get(`/office/progress.csv?town=${town}&encoding=sjis`)).status()).toBe(200);
	expect((await page.request.get(`/office/exports/sessions.csv?town=${town}`)).status()).toBe(200);
	await page.goto(`/office/sessions?town=${town}`);
	const first = await page.locator('ul.sessions > li a').first().getAttribute('href');
	expect((await page.request.get(`${first}/attendance.csv`)).status()).toBe(200);
	expect((await page.request.get(`${first}/attendance.csv?names=1`)).status()).toBe(403);
});

test('hostile query strings get a 400 or a 404, never a 500', async ({ page }) => {
	await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
	await page.waitForURL((url) => url.pathname !== '/signin');
	const cases: [string, number][] = [
		[`/office/exports/sessions.csv?town=${town}&fy=abc`, 400],
		[`/office/exports/sessions.csv?town=${town}&fy=99999`, 400],
		[`/office/exports/sessions.csv?town=${town}&fy=1899`, 400],
		['/office/exports/sessions.csv?town=../&fy=2026', 404],
		[`/office/exports/sessions.csv?town=${town}&encoding=<script>`, 400],
		[`/office/progress.csv?town=${town}&fy=20x6`, 400],
		['/office/progress.csv?town=%00', 404],
		['/pref/progress.csv?pref=../', 404],
		['/pref/progress.csv?pref=07', 403],
		['/office/exports?town=<script>', 404],
		['/office/exports?town=999999', 403],
		['/office/sessions/not-a-uuid/attendance.csv', 404],
		['/office/sessions/00000000-0000-4000-8000-000000000000/attendance.csv', 404],
		[`/office/sessions/00000000-0000-4000-8000-000000000000/attendance.csv?names=<script>`, 400]
	];
	for (const [address, status] of cases) expect((await page.request.get(address)).status(), address).toBe(status);
});
