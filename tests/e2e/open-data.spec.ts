import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expectNoAccessibilityViolations } from './helpers.ts';

// Open data (issue 11) on the built app with the demo data: the files parse with a standard
// CSV parser into the standard's columns, hold every published class and nothing else, and
// the participation counts never show 1 to 4.

// The standard's list as kept in the repository (a copy of the one the project was given).
const standardColumns = readFileSync('src/lib/domain/opendata-event-columns.txt', 'utf8').split('\n').filter((line) => line !== '');
const bom = [0xef, 0xbb, 0xbf];
const demoTown = '072010'; // 福島市: three demo venues

/** A CSV file as its bytes say: heading line and rows, after checking its type and BOM. */
async function csvOf(request: APIRequestContext, path: string) {
	const response = await request.get(path);
	expect(response.status(), path).toBe(200);
	expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8; header=present');
	const bytes = await response.body();
	expect([...bytes.subarray(0, 3)], `${path} starts with a BOM`).toEqual(bom);
	const [header, ...rows] = parse(bytes, { bom: true }) as string[][];
	return { header: header!, rows, records: parse(bytes, { bom: true, columns: true }) as Record<string, string>[], text: bytes.toString('utf8') };
}

/** The classes to come, as the public list shows them to anyone, page after page: id and whether called off. */
async function listedUpcoming(page: Page) {
	const found = new Map<string, boolean>();
	let next: string | null = '/sessions';
	while (next) {
		await page.goto(next);
		for (const card of await page.locator('.card').all()) {
			const href = await card.getByRole('link').first().getAttribute('href');
			found.set(href!.replace('/sessions/', ''), (await card.getByText('この教室は中止になりました').count()) > 0);
		}
		const more = page.locator('a[rel=next]');
		next = (await more.count()) > 0 ? await more.first().getAttribute('href') : null;
	}
	return found;
}

test('events.csv is the standard’s event list: UTF-8 with a BOM, its columns in order, one row per published class', async ({ page, request, baseURL }) => {
	test.setTimeout(120_000);
	const { header, rows, records, text } = await csvOf(request, '/opendata/events.csv');
	expect(header).toEqual(standardColumns);
	expect(rows.every((row) => row.length === standardColumns.length)).toBe(true);
	expect(records.length).toBeGreaterThan(10);
	for (const r of records) {
		expect(r['都道府県コード又は市区町村コード']).toMatch(/^\d{6}$/);
		expect(r['NO']).toMatch(/^\d+$/);
		for (const column of ['開始日', '終了日', '参加申込終了日']) expect(r[column], column).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		for (const column of ['開始時間', '終了時間', '参加申込終了時間']) expect(r[column], column).toMatch(/^\d{2}:\d{2}$/);
		expect(r['都道府県名']).toBe('福島県');
		expect(r['URL']).toMatch(new RegExp(`^${baseURL}/sessions/[0-9a-f-]{36}$`));
	}
	// A class keeps one number in its town.
	expect(new Set(records.map((r) => `${r['都道府県コード又は市区町村コード']} ${r['NO']}`)).size).toBe(records.length);
	// No personal data: no senior's (fictional) name or mobile number.
	expect(text).not.toMatch(/(見本|試験|仮名|架空|模擬|例) (太郎|花子|一郎|幸子|次郎|和子|三郎|節子)/);
	expect(text).not.toMatch(/0[789]0-?\d{4}-?\d{4}/);

	// Every class still to come on the public list, called-off ones aside, is in the file, and
	// no other class to come; each class already held this year opens as a class that was not called off.
	const listed = await listedUpcoming(page);
	const now = Date.now();
	const startOf = (r: Record<string, string>) => Date.parse(`${r['開始日']}T${r['開始時間']}:00+09:00`);
	const idOf = (r: Record<string, string>) => r['URL']!.split('/').pop()!;
	const upcoming = records.filter((r) => startOf(r) > now).map(idOf).sort();
	expect(upcoming).toEqual([...listed].filter(([, cancelled]) => !cancelled).map(([id]) => id).sort());
	expect([...listed.values()]).toContain(true);
	const held = records.filter((r) => startOf(r) <= now);
	expect(held.length).toBeGreaterThan(0);
	for (const r of held) {
		const response = await request.get(new URL(r['URL']!).pathname);
		expect(response.status(), r['URL']).toBe(200);
		const body = await response.text();
		expect(body).toContain(r['イベント名']);
		expect(body, r['URL']).not.toContain('この教室は中止になりました');
	}

	// The JSON twin holds the same records, under the same column names.
	const json = (await (await request.get('/opendata/events.json')).json()) as Record<string, string | number>[];
	expect(json.map((r) => Object.keys(r))).toEqual(json.map(() => standardColumns));
	expect(json.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])))).toEqual(records);
});

test('a town’s file under the standard’s name holds that town’s classes only; an unknown name is not found', async ({ request }) => {
	const all = await csvOf(request, '/opendata/events.csv');
	const town = await csvOf(request, `/opendata/${demoTown}_event.csv`);
	expect(town.header).toEqual(standardColumns);
	expect(town.records.length).toBeGreaterThan(0);
	expect(town.records.every((r) => r['都道府県コード又は市区町村コード'] === demoTown && r['市区町村名'] === '福島市')).toBe(true);
	expect(town.records).toEqual(all.records.filter((r) => r['都道府県コード又は市区町村コード'] === demoTown));
	const json = (await (await request.get(`/opendata/${demoTown}_event.json`)).json()) as unknown[];
	expect(json).toHaveLength(town.records.length);
	// A town with no class has a file with its heading only.
	const quiet = await csvOf(request, '/opendata/073016_event.csv');
	expect([quiet.header, quiet.rows]).toEqual([standardColumns, []]);
	for (const path of ['/opendata/999999_event.csv', '/opendata/07201_event.csv', '/opendata/events.xlsx', '/opendata/072010_events.csv']) {
		expect((await request.get(path)).status(), path).toBe(404);
	}
});

test('participation.csv counts per town and fiscal year, and no count is between 1 and 4', async ({ request }) => {
	const { header, records } = await csvOf(request, '/opendata/participation.csv');
	expect(header).toEqual(['都道府県コード又は市区町村コード', '都道府県名', '市区町村名', '年度', '年度(和暦)', '開催回数', '延べ参加者数', '実参加者数(65歳以上)', '集計日', '備考']);
	expect(records.length).toBeGreaterThanOrEqual(59);
	const counts = ['開催回数', '延べ参加者数', '実参加者数(65歳以上)'];
	for (const r of records) {
		for (const column of counts) {
			const cell = r[column]!;
			expect(cell === '' || (/^\d+$/.test(cell) && (Number(cell) === 0 || Number(cell) >= 5)), `${r['市区町村名']} ${r['年度']} ${column}: ${cell}`).toBe(true);
		}
		// An empty count is always explained.
		if (counts.some((column) => r[column] === '')) expect(r['備考']).toContain('1〜4は秘匿');
	}
	// The demo's towns held classes this year, so some counts are shown.
	expect(records.some((r) => Number(r['延べ参加者数']) >= 5)).toBe(true);
	const json = (await (await request.get('/opendata/participation.json')).json()) as Record<string, string | number>[];
	expect(json).toHaveLength(records.length);
});

test('the open data page lists the files, their encoding and terms, and passes axe', async ({ page }) => {
	await page.goto('/opendata');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('オープンデータ');
	await expect(page.getByText('UTF-8(BOM付き)')).toBeVisible();
	await expect(page.getByRole('link', { name: 'events.csv' })).toHaveAttribute('href', '/opendata/events.csv');
	await expect(page.getByRole('link', { name: 'participation.csv' })).toHaveAttribute('href', '/opendata/participation.csv');
	await expect(page.getByRole('link', { name: `${demoTown}_event.csv` })).toHaveAttribute('href', `/opendata/${demoTown}_event.csv`);
	await expect(page.locator('a[rel=license]')).toBeVisible();
	await expectNoAccessibilityViolations(page);
	const download = await page.request.get('/opendata/events.csv');
	expect(download.headers()['cache-control']).toBe('public, max-age=300');
});
