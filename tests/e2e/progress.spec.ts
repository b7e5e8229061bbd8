import { expect, test, type Browser, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { metricLabels, progressColumns, progressSections } from '../../src/lib/server/exports/columns.ts';
import { fiscalYearOf } from '../../src/lib/domain/wareki.ts';
import { demoPassword, expectNoAccessibilityViolations, signIn } from './helpers.ts';

// The progress dashboards (issue 11, items 2–4 and 7) in Chromium against the built app and
// its demo data: the prefecture's numbers equal its CSV, targets are set (and hostile ones
// refused, changing nothing), duplicates are reviewed, retention runs, and each page is
// accessible and fits a small phone. Data this file makes is its own: one class of 福島市 at
// 10:00, 35 days ahead, and seniors with readings nobody else uses.

const town = '072010'; // 福島市, whose staff is fukushima@demo
const admin = 'admin@demo.tsunagu.example';
const fukushima = 'fukushima@demo.tsunagu.example';
const aizu = 'aizu@demo.tsunagu.example';
const year = fiscalYearOf(new Date());
const targetError = '目標は0から1000万までの整数で入力してください。';

type Metric = keyof typeof metricLabels;
const metrics = Object.keys(metricLabels) as Metric[];
const column = (name: (typeof progressColumns)[number]) => progressColumns.indexOf(name);

async function signedIn(page: Page, email: string) {
	await signIn(page, email, demoPassword);
	await page.waitForURL((url) => url.pathname !== '/signin');
}

/** A page of its own, signed in as someone else. */
async function as(browser: Browser, email: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signedIn(page, email);
	return { page, close: () => context.close() };
}

const valueOf = async (page: Page, metric: Metric) => Number(await page.locator(`tr[data-metric="${metric}"] td[data-value]`).getAttribute('data-value'));
const targetOf = (page: Page, metric: Metric) => page.locator(`tr[data-metric="${metric}"] td[data-target]`);

async function csvRows(page: Page, address: string) {
	const response = await page.request.get(address);
	expect(response.status(), address).toBe(200);
	const body = await response.body();
	expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const rows = parse(new TextDecoder('utf-8').decode(body.subarray(3))) as string[][];
	expect(rows[0]).toEqual([...progressColumns]);
	return rows.slice(1);
}

test.describe('progress toward the targets', () => {
	test('the prefecture’s dashboard shows the numbers its CSV holds, every town, and the towns without a class', async ({ page }) => {
		await signedIn(page, admin);
		const response = await page.goto('/pref/progress');
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^福島県 令和\d+年度の進み具合$/);
		const rows = await csvRows(page, `/pref/progress.csv?pref=07&fy=${year}`);
		for (const row of rows) expect(row[column('年度')]).toBe(String(year));

		// The year's metrics: one line each in the CSV, the same number on the page.
		const yearRows = rows.filter((r) => r[column('区分')] === progressSections.year);
		expect(yearRows.map((r) => r[column('項目')])).toEqual(metrics.map((m) => metricLabels[m]));
		expect(await page.locator('tr[data-metric]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-metric')))).toEqual(metrics);
		for (const metric of metrics) {
			const line = yearRows.find((r) => r[column('項目')] === metricLabels[metric])!;
			expect(await valueOf(page, metric), metric).toBe(Number(line[column('値')]));
			expect(await targetOf(page, metric).getAttribute('data-target'), metric).toBe(line[column('目標')]);
		}
		expect(await valueOf(page, 'sessions_held')).toBeGreaterThan(0);
		expect(await valueOf(page, 'attendances')).toBeGreaterThan(0);

		// Every town, side by side: the CSV's three lines per town, in the same order.
		const townRows = rows.filter((r) => r[column('区分')] === progressSections.town);
		const fromCsv = new Map<string, Record<string, number>>();
		for (const r of townRows) {
			const entry = fromCsv.get(r[column('内訳コード')]!) ?? {};
			entry[r[column('項目')]!] = Number(r[column('値')]);
			fromCsv.set(r[column('内訳コード')]!, entry);
		}
		expect(fromCsv.size).toBe(59);
		const onPage = await page.locator('table[data-towns] tbody tr[data-code]').evaluateAll((trs) =>
			trs.map((tr) => ({ code: tr.getAttribute('data-code')!, values: [...tr.querySelectorAll('td[data-value]')].map((td) => Number(td.getAttribute('data-value'))) }))
		);
		expect(onPage.map((t) => t.code)).toEqual([...fromCsv.keys()]);
		for (const { code, values } of onPage) {
			const csv = fromCsv.get(code)!;
			expect(values, code).toEqual([csv[metricLabels.sessions_held], csv[metricLabels.attendances], csv[metricLabels.senior_participants]]);
		}
		// The towns' sessions and attendances add up to the prefecture's (実人数 may not: a person in two towns is one).
		expect(onPage.reduce((sum, t) => sum + t.values[0]!, 0)).toBe(await valueOf(page, 'sessions_held'));
		expect(onPage.reduce((sum, t) => sum + t.values[1]!, 0)).toBe(await valueOf(page, 'attendances'));
		expect(onPage.filter((t) => t.values[0]! > 0)).toHaveLength(await valueOf(page, 'municipalities_holding'));

		// Where classes are missing: exactly the towns with no session held.
		const idle = onPage.filter((t) => t.values[0] === 0).map((t) => t.code);
		expect(idle.length).toBeGreaterThan(0);
		expect(await page.locator('[data-without] li[data-code]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code')))).toEqual(idle);
		await expect(page.getByRole('heading', { name: `この年度にまだ教室を開いていない市町村(${idle.length})` })).toBeVisible();

		// The charts: server-drawn SVG, an image with a name and a description; each with its table.
		for (const metric of ['senior_participants', 'attendances', 'sessions_held'] as const) {
			const chart = page.locator(`svg#chart-${metric}`);
			await expect(chart).toHaveAttribute('role', 'img');
			const title = `月ごとの累計: ${(await page.locator(`tr[data-metric="${metric}"] th`).textContent())!.trim()}`;
			// Named by its title (and, as the markup has it, its description too).
			await expect(chart).toHaveAccessibleName(new RegExp(`^${title.replace(/[()]/g, '\\$&')}`));
			await expect(chart).toContainText(/年度の累計は[\d,]+/);
			const months = page.locator(`table[data-months="${metric}"] tbody tr`);
			await expect(months).toHaveCount(12);
			// The months so far add up to the year's number, and each equals the CSV's month line.
			const inMonth = await page.locator(`table[data-months="${metric}"] td[data-value]`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
			expect(inMonth.reduce((a, b) => a + b, 0), metric).toBe(await valueOf(page, metric));
			const label = metric === 'senior_participants' ? '実人数(65歳以上、初めて参加した月)' : metricLabels[metric];
			const csvMonths = rows.filter((r) => r[column('区分')] === progressSections.month && r[column('項目')] === label).map((r) => Number(r[column('値')]));
			expect(csvMonths).toHaveLength(12);
			expect(csvMonths.slice(0, inMonth.length), metric).toEqual(inMonth);
		}
		await expect(page.getByRole('img', { name: /^月ごとの累計: / })).toHaveCount(3);
		// By topic and by age, as in the CSV.
		const ages = await page.locator('table[data-by="age"] td[data-value]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
		const csvAges = ['65_74', '75_84', '85_plus', 'under_65'].map((band) => Number(rows.find((r) => r[column('区分')] === progressSections.age && r[column('内訳コード')] === band)![column('値')]));
		expect(ages).toEqual(csvAges);
		expect(ages.slice(0, 3).reduce((a, b) => a + b, 0)).toBe(await valueOf(page, 'senior_participants'));
		await expectNoAccessibilityViolations(page);
	});

	test('a previous fiscal year is chosen with the year picker; odd years and prefectures are a 404, never a 500', async ({ page }) => {
		await signedIn(page, admin);
		await page.goto('/pref/progress');
		await page.locator('#fy').selectOption(String(year - 1));
		await page.getByRole('button', { name: '表示する' }).click();
		await expect(page).toHaveURL(new RegExp(`fy=${year - 1}`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`福島県 令和${year - 1 - 2018}年度の進み具合`);
		await expect(page.locator('#fy')).toHaveValue(String(year - 1));
		// A year that has ended: every month counted, no pace left to make.
		await expect(page.locator('table[data-months="attendances"] td[data-value]')).toHaveCount(12);
		const rows = await csvRows(page, `/pref/progress.csv?pref=07&fy=${year - 1}`);
		const held = rows.find((r) => r[column('区分')] === progressSections.year && r[column('項目')] === metricLabels.sessions_held)!;
		expect(await valueOf(page, 'sessions_held')).toBe(Number(held[column('値')]));

		for (const address of ['/pref/progress?fy=abc', '/pref/progress?fy=1999', '/pref/progress?fy=20261', '/pref/progress?pref=xx', '/pref/progress?pref=07&fy=%3Cscript%3E', `/office/progress?town=${town}&fy=abc`, `/office/progress?town=${town}&fy=1999`, '/office/progress?town=xx']) {
			expect((await page.request.get(address)).status(), address).toBe(404);
		}
		// A prefecture that is not theirs: refused, not an error.
		expect([403, 404]).toContain((await page.request.get('/pref/progress?pref=13')).status());
	});

	test('the prefecture admin sets a target for attendances; hostile targets are refused and change nothing', async ({ page }) => {
		await signedIn(page, admin);
		await page.goto(`/pref/progress?pref=07&fy=${year}`);
		const field = page.getByRole('textbox', { name: 'のべ参加者数(延べ)' });
		const save = page.getByRole('button', { name: '目標を保存する' });
		const attendances = await valueOf(page, 'attendances');
		// The demo's prefecture-wide target for seniors stays as it is.
		await expect(targetOf(page, 'senior_participants')).toHaveAttribute('data-target', '930');

		await field.fill('1,500');
		await save.click();
		await expect(page.getByRole('status').filter({ hasText: '目標を保存しました。' })).toBeVisible();
		await expect(targetOf(page, 'attendances')).toHaveAttribute('data-target', '1500');
		await expect(targetOf(page, 'attendances')).toHaveText('1,500');
		const row = page.locator('tr[data-metric="attendances"]');
		await expect(row.locator('td').nth(2)).toHaveText(`${Math.floor((attendances * 1000) / 1500) / 10}%`);
		await expect(targetOf(page, 'senior_participants')).toHaveAttribute('data-target', '930');
		await expect(field).toHaveValue('1500');

		for (const hostile of ['-5', '1e9', '<script>alert(1)</script>', '20,000,000', '12.5', '１２０人']) {
			await page.getByRole('textbox', { name: 'のべ参加者数(延べ)' }).fill(hostile);
			await save.click();
			await expect(page.locator('#attendances-error'), hostile).toHaveText(targetError);
			await expect(page.getByRole('textbox', { name: 'のべ参加者数(延べ)' }), hostile).toHaveAttribute('aria-invalid', 'true');
			await expect(page.getByRole('textbox', { name: 'のべ参加者数(延べ)' }), hostile).toHaveValue(hostile);
			await expect(page.getByRole('status').filter({ hasText: '目標を保存しました。' })).toHaveCount(0);
			await expect(targetOf(page, 'attendances'), hostile).toHaveAttribute('data-target', '1500');
			await expect(targetOf(page, 'senior_participants'), hostile).toHaveAttribute('data-target', '930');
		}
		await expect(page.locator('script:text("alert(1)")')).toHaveCount(0);
		// Straight to the action: the same answer, no 500.
		const origin = new URL(page.url()).origin;
		for (const value of ['1e9', '-5', '99999999999999999999', 'NaN']) {
			const answer = await page.request.post(`/pref/progress?pref=07&fy=${year}&/targets`, { form: { fiscal_year: String(year), attendances: value }, headers: { origin, accept: 'text/html' } });
			expect(answer.status(), value).toBe(400);
		}
		const wrongYear = await page.request.post(`/pref/progress?pref=07&/targets`, { form: { fiscal_year: '1999', attendances: '10' }, headers: { origin, accept: 'text/html' } });
		expect(wrongYear.status()).toBe(400);
		await page.reload();
		await expect(targetOf(page, 'attendances')).toHaveAttribute('data-target', '1500');

		// Full-width digits, as typed with a Japanese keyboard, are a number.
		await page.getByRole('textbox', { name: 'のべ参加者数(延べ)' }).fill('１２０');
		await save.click();
		await expect(page.getByRole('status').filter({ hasText: '目標を保存しました。' })).toBeVisible();
		await expect(targetOf(page, 'attendances')).toHaveAttribute('data-target', '120');
		await expect(page.locator('#attendances-error')).toHaveCount(0);
		const csv = await csvRows(page, `/pref/progress.csv?pref=07&fy=${year}`);
		expect(csv.find((r) => r[column('区分')] === progressSections.year && r[column('項目')] === metricLabels.attendances)![column('目標')]).toBe('120');

		// Emptying the field takes the target away; the others stay.
		await page.getByRole('textbox', { name: 'のべ参加者数(延べ)' }).fill('');
		await save.click();
		await expect(page.getByRole('status').filter({ hasText: '目標を保存しました。' })).toBeVisible();
		await expect(targetOf(page, 'attendances')).toHaveAttribute('data-target', '');
		await expect(targetOf(page, 'attendances')).toHaveText('未設定');
		await expect(page.getByRole('textbox', { name: 'のべ参加者数(延べ)' })).toHaveValue('');
		await expect(targetOf(page, 'senior_participants')).toHaveAttribute('data-target', '930');
		await expect(targetOf(page, 'municipalities_holding')).toHaveAttribute('data-target', '20');
	});

	test('town staff set their town’s target; another town’s staff are refused', async ({ page, browser }) => {
		await signedIn(page, fukushima);
		const response = await page.goto(`/office/progress?town=${town}`);
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^福島市 令和\d+年度の進み具合$/);
		// A town has no "towns holding" metric, and no list of other towns.
		await expect(page.locator('tr[data-metric="municipalities_holding"]')).toHaveCount(0);
		await expect(page.locator('table[data-towns]')).toHaveCount(0);
		await expect(targetOf(page, 'senior_participants')).toHaveAttribute('data-target', '60');
		await page.getByRole('textbox', { name: '参加した高齢者(実人数・65歳以上)' }).fill('75');
		await page.getByRole('button', { name: '目標を保存する' }).click();
		await expect(page.getByRole('status').filter({ hasText: '目標を保存しました。' })).toBeVisible();
		await expect(targetOf(page, 'senior_participants')).toHaveAttribute('data-target', '75');
		await expectNoAccessibilityViolations(page);

		// The town's numbers equal its CSV.
		const rows = await csvRows(page, `/office/progress.csv?town=${town}&fy=${year}`);
		for (const metric of ['senior_participants', 'attendances', 'sessions_held', 'active_supporters'] as const) {
			const line = rows.find((r) => r[column('区分')] === progressSections.year && r[column('項目')] === metricLabels[metric])!;
			expect(await valueOf(page, metric), metric).toBe(Number(line[column('値')]));
		}

		// The prefecture sees the town's target beside it.
		const pref = await as(browser, admin);
		await pref.page.goto(`/pref/progress?pref=07&fy=${year}`);
		const row = pref.page.locator(`table[data-towns] tr[data-code="${town}"]`);
		await expect(row.locator('td').nth(3)).toHaveText('75');
		await pref.close();

		// 会津若松市's staff: neither the page nor the form.
		const other = await as(browser, aizu);
		expect((await other.page.request.get(`/office/progress?town=${town}`)).status()).toBe(403);
		expect((await other.page.request.get(`/office/progress.csv?town=${town}&fy=${year}`)).status()).toBe(403);
		const post = await other.page.request.post(`/office/progress?town=${town}&fy=${year}&/targets`, {
			form: { fiscal_year: String(year), senior_participants: '1' },
			headers: { origin: new URL(other.page.url()).origin, accept: 'text/html' }
		});
		expect(post.status()).toBe(403);
		await other.close();
		await page.reload();
		await expect(targetOf(page, 'senior_participants')).toHaveAttribute('data-target', '75');
	});

	test('staff see two records of one reading side by side, say one pair are two people, and merge another', async ({ page, browser }) => {
		test.setTimeout(90_000);
		await signedIn(page, fukushima);
		await page.goto(`/office/progress?town=${town}`);
		const before = { seniors: await valueOf(page, 'senior_participants'), attendances: await valueOf(page, 'attendances') };

		// A class of the town's own, at 10:00 five weeks ahead.
		const date = new Date(Date.now() + 35 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
		await page.goto(`/office/sessions/new?town=${town}`);
		await page.getByLabel('教室の名前').fill(`進み具合の教室 ${Date.now() % 100000}`);
		await page.getByLabel('テーマ').selectOption({ label: '写真' });
		await page.getByLabel('日付').fill(date);
		await page.getByLabel('始まる時刻').fill('10:00');
		await page.getByLabel('終わる時刻').fill('11:30');
		await page.getByLabel('教室・出張教室の定員(人)').fill('8');
		await page.getByRole('button', { name: '下書きとして保存する' }).click();
		await page.getByRole('button', { name: '公開して申し込みを受け付ける' }).click();
		await expect(page.getByRole('status')).toHaveText('公開しました。申し込みを受け付けています。');
		await page.getByRole('link', { name: '申し込み', exact: true }).click();

		const register = async (name: string, kana: string, phone: string) => {
			await page.getByLabel('お名前').first().fill(name);
			await page.getByLabel('ふりがな').first().fill(kana);
			await page.getByRole('group', { name: '年齢' }).first().getByLabel('75〜84歳').check();
			await page.getByRole('group', { name: 'お使いのスマホ' }).first().getByLabel('Android').check();
			await page.getByLabel('電話番号').fill(phone);
			await page.getByLabel('情報の使い方を本人に説明し、同意を得ました').check();
			await page.getByRole('button', { name: '申し込みを登録する' }).click();
			await expect(page.getByRole('status')).toContainText('登録しました。確認番号は');
		};
		// Two people who share a reading (同じ読みの別人), and one senior who called from two phones.
		await register('新町 別子', 'しんまち べつこ', '024-555-0301');
		await register('進町 別子', 'シンマチ ベツコ', '090-5555-0302');
		await register('合併 花子', 'がっぺい はなこ', '024-555-0401');
		await register('合併 花子', 'がっぺい　はなこ', '080-5555-0402');

		await page.goto(`/office/participants?town=${town}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('福島市 同じ人かもしれない参加者');
		const distinct = page.locator('li.pair').filter({ hasText: '新町 別子' });
		const same = page.locator('li.pair').filter({ hasText: '合併 花子' });
		await expect(distinct).toHaveCount(1);
		await expect(same).toHaveCount(1);
		await expect(distinct).toContainText('ふりがなが同じ');
		await expect(distinct).toContainText('進町 別子');
		await expect(same.getByRole('heading', { level: 2 })).toHaveText('合併 花子 / 合併 花子');
		await expectNoAccessibilityViolations(page);

		// Another town's staff: not the list, not a merge.
		const [keep, fold] = (await same.getAttribute('data-pair'))!.split(' ');
		const other = await as(browser, aizu);
		expect((await other.page.request.get(`/office/participants?town=${town}`)).status()).toBe(403);
		const theirMerge = await other.page.request.post(`/office/participants?town=${town}&/merge`, {
			form: { keep: keep!, fold: fold!, name: '' },
			headers: { origin: new URL(other.page.url()).origin, accept: 'text/html' }
		});
		expect(theirMerge.status()).toBeGreaterThanOrEqual(400);
		await other.close();
		await page.reload();
		await expect(same).toHaveCount(1);

		// Two people: the pair goes, and stays gone.
		await distinct.getByRole('button', { name: '別の人' }).click();
		await expect(page.getByRole('status')).toHaveText('別の人として記録しました。もう表示しません。');
		await expect(distinct).toHaveCount(0);
		await page.goto(`/office/participants?town=${town}`);
		await expect(distinct).toHaveCount(0);
		await expect(same).toHaveCount(1);

		// One senior: merged into record 1.
		await same.getByRole('button', { name: '同じ人: 記録1にまとめる' }).click();
		await expect(page.getByRole('status')).toHaveText('合併 花子さんの記録を一つにまとめました。');
		await expect(same).toHaveCount(0);
		await page.goto(`/office/participants?town=${town}`);
		await expect(same).toHaveCount(0);
		// Merging it again (a second tab) is told, not a 500.
		const again = await page.request.post(`/office/participants?town=${town}&/merge`, { form: { keep: keep!, fold: fold!, name: '' }, headers: { origin: new URL(page.url()).origin, accept: 'text/html' } });
		expect(again.status()).toBe(400);

		// Registrations for a class to come count nothing yet; merging changes no count.
		await page.goto(`/office/progress?town=${town}`);
		expect(await valueOf(page, 'senior_participants')).toBe(before.seniors);
		expect(await valueOf(page, 'attendances')).toBe(before.attendances);
	});

	test('the prefecture admin runs retention from its button; staff are refused', async ({ page, browser }) => {
		await signedIn(page, admin);
		await page.goto('/admin/retention');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('個人情報の消去');
		await expectNoAccessibilityViolations(page);
		// Two steps: the first only unfolds the warning.
		await expect(page.getByRole('button', { name: '消去する(元にもどせません)' })).toBeHidden();
		await page.getByText('いま消去を実行する').click();
		await page.getByRole('button', { name: '消去する(元にもどせません)' }).click();
		const status = page.getByRole('status');
		await expect(status).toHaveAttribute('data-erased', /^\d+$/);
		await expect(status).toContainText(/(人分の名前と電話番号|消すものはありませんでした)/);
		await expectNoAccessibilityViolations(page);

		const staff = await as(browser, fukushima);
		expect((await staff.page.request.get('/admin/retention')).status()).toBe(403);
		const post = await staff.page.request.post('/admin/retention?/erase', { form: {}, headers: { origin: new URL(staff.page.url()).origin, accept: 'text/html' } });
		expect(post.status()).toBe(403);
		expect((await staff.page.request.get('/pref/progress')).status()).toBe(403);
		expect((await staff.page.request.get('/pref/progress.csv?pref=07')).status()).toBe(403);
		await staff.close();
	});

	test('the dashboards and the duplicates page fit a 360 px phone without scrolling sideways', async ({ browser }) => {
		for (const [email, addresses] of [
			[admin, ['/pref/progress']],
			[fukushima, [`/office/progress?town=${town}`, `/office/participants?town=${town}`]]
		] as const) {
			const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
			const page = await context.newPage();
			await signedIn(page, email);
			for (const address of addresses) {
				await page.goto(address);
				// With every table opened, too.
				for (const summary of await page.locator('details > summary').all()) await summary.click();
				expect(await page.evaluate(() => document.documentElement.scrollWidth), address).toBeLessThanOrEqual(360);
				if (address.includes('progress')) {
					// The phone's drawing of each chart, whose labels stay readable (the wide one's were 7 px here).
					await expect(page.locator('svg#chart-attendances')).toBeHidden();
					const label = page.locator('svg#chart-attendances-narrow text.axis').last();
					await expect(label).toBeVisible();
					const standard = (await label.boundingBox())!.height;
					expect(standard, address).toBeGreaterThanOrEqual(13);
					// And they grow with the reader's text size (特大).
					await context.addCookies([{ name: 'text_size', value: 'xlarge', url: page.url() }]);
					await page.reload();
					expect((await label.boundingBox())!.height, address).toBeGreaterThan(standard * 1.3);
					expect(await page.evaluate(() => document.documentElement.scrollWidth), address).toBeLessThanOrEqual(360);
					await context.clearCookies({ name: 'text_size' });
				}
				await expectNoAccessibilityViolations(page);
			}
			await context.close();
		}
	});
});
