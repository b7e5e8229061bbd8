import { expect, test, type Browser, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { demoPassword, expectNoAccessibilityViolations, signIn, signUp, uniqueEmail } from './helpers.ts';

// A digital supporter from sign-up to a class in their calendar (issue 10), each person in a
// browser of their own, on a phone's width and without JavaScript (the app sends none).

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const phone = { viewport: { width: 360, height: 740 }, javaScriptEnabled: false };

async function personIn(browser: Browser, email: string, password = demoPassword): Promise<Page> {
	const page = await (await browser.newContext(phone)).newPage();
	await signIn(page, email, password);
	await expect(page.getByRole('button', { name: 'ログアウト' })).toBeVisible();
	return page;
}

/**
 * The page as its person sees it, checked where scripts cannot run: its width from the
 * layout, and axe (which needs a script of its own) on the same address, signed in the same
 * way, at the same width.
 */
async function checkOnThePhone(page: Page) {
	const context = await page.context().browser()!.newContext({ viewport: phone.viewport, storageState: await page.context().storageState() });
	const twin = await context.newPage();
	await twin.goto(page.url().replace(/\?\/\w+$/, ''));
	expect(await twin.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(phone.viewport.width);
	await expectNoAccessibilityViolations(twin);
	await context.close();
}

test('a supporter signs up, the admin records the basic course, they offer to help, staff confirm, and the class is in their calendar', async ({ browser }) => {
	test.setTimeout(120_000);
	const stamp = Date.now() % 100000;
	const name = `支援 花子${stamp}`;
	const title = `サポーター募集の教室 ${stamp}`;
	const email = uniqueEmail('supporter');
	const password = 'supporter-pass-2026';

	// Signing up, on a phone.
	const supporter = await (await browser.newContext(phone)).newPage();
	await signUp(supporter, email, password);
	await supporter.getByRole('link', { name: 'サポーター', exact: true }).click();
	await expect(supporter.getByRole('heading', { level: 1 })).toHaveText('デジタルサポーターに登録する');
	await checkOnThePhone(supporter);
	// A mistake first: told beside the field, nothing saved.
	await supporter.getByRole('button', { name: '登録する' }).click();
	await expect(supporter.locator('#display_name-error')).toHaveText('お名前を入力してください。');
	await supporter.getByLabel('お名前').fill(name);
	await supporter.getByLabel('ふりがな').fill('しえん はなこ');
	await supporter.getByLabel('住んでいる市町村').selectOption({ label: '福島市' });
	await supporter.getByLabel('連絡先の電話番号').fill('090-1234-5678');
	await supporter.getByRole('group', { name: '手伝えること' }).getByLabel('LINE').check();
	await supporter.getByRole('group', { name: 'ふだん手伝える時間' }).getByLabel('火午後').check();
	await supporter.getByRole('button', { name: '登録する' }).click();
	await expect(supporter.getByRole('status')).toHaveText('保存しました。');
	await expect(supporter.getByText('確認待ち', { exact: true })).toBeVisible();
	await checkOnThePhone(supporter);
	await supporter.getByRole('link', { name: '教室の手伝い' }).click();
	await expect(supporter.getByText('基礎研修の修了が記録され、活動中になると')).toBeVisible();
	await checkOnThePhone(supporter);

	// The prefecture admin makes them active and records the basic course.
	const admin = await personIn(browser, 'admin@demo.tsunagu.example');
	await admin.goto('/office/supporters?town=072010');
	const row = admin.getByRole('row').filter({ hasText: name });
	await expect(row).toContainText('確認待ち');
	await row.getByRole('button', { name: `活動中にする: ${name}` }).click();
	await expect(admin.getByRole('status')).toHaveText('活動中にしました。');
	await admin.getByLabel('サポーター', { exact: true }).selectOption({ label: `${name}(しえん はなこ)` });
	await admin.getByRole('region', { name: '研修の修了を記録する' }).getByLabel('研修', { exact: true }).selectOption({ label: '基礎研修' });
	await admin.getByLabel('修了日').first().fill(inDays(-10));
	await admin.getByRole('button', { name: '記録する', exact: true }).click();
	await expect(admin.getByRole('status')).toHaveText('記録しました。');
	await expect(admin.getByRole('row').filter({ hasText: name })).toContainText('基礎研修');
	await checkOnThePhone(admin);

	// Staff publish a class that needs two supporters.
	const staff = await personIn(browser, 'fukushima@demo.tsunagu.example');
	await staff.goto('/office/sessions/new?town=072010');
	await staff.getByLabel('教室の名前').fill(title);
	await staff.getByLabel('テーマ').selectOption({ label: 'LINE' });
	await staff.getByLabel('日付').fill(inDays(21));
	await staff.getByLabel('始まる時刻').fill('13:30');
	await staff.getByLabel('終わる時刻').fill('15:00');
	await staff.getByLabel('教室・出張教室の定員(人)').fill('8');
	await staff.getByLabel('必要なサポーターの人数').fill('2');
	await staff.getByRole('button', { name: '下書きとして保存する' }).click();
	await staff.getByRole('button', { name: '公開して申し込みを受け付ける' }).click();
	await expect(staff.getByRole('status')).toHaveText('公開しました。申し込みを受け付けています。');
	const classPage = staff.url().replace(/\?.*$/, '');

	// The supporter sees it, as a match for their LINE skill, and offers to help.
	await supporter.goto('/supporter/sessions');
	const card = supporter.getByRole('listitem').filter({ hasText: title });
	await expect(card).toContainText('得意なテーマ');
	await expect(card).toContainText('サポーター 0/2人');
	await card.getByRole('button', { name: `手伝いを申し出る: ${title}` }).click();
	await expect(supporter.getByRole('status')).toHaveText('申し出ました。担当者が確認します。');
	await expect(supporter.getByRole('region', { name: '手伝う予定の教室' }).getByRole('listitem').filter({ hasText: title })).toContainText('申し出済み');
	await checkOnThePhone(supporter);

	// Staff confirm them: the class has 1 of 2.
	await staff.goto(`${classPage}/supporters`);
	await expect(staff.getByText('決まったサポーター 0/2人')).toBeVisible();
	await staff.getByRole('button', { name: `決定する: ${name}` }).click();
	await expect(staff.getByText('決まったサポーター 1/2人')).toBeVisible();
	await checkOnThePhone(staff);
	await staff.goto(`/office/sessions?town=072010&month=${inDays(21).slice(0, 7)}`);
	await expect(staff.getByRole('listitem').filter({ hasText: title })).toContainText('サポーター 1/2人');

	// Their calendar feed, at their private address, has the class.
	await supporter.goto('/supporter');
	const feed = (await supporter.getByRole('region', { name: '自分の予定をカレンダーで見る' }).getByRole('link').getAttribute('href'))!;
	const response = await supporter.request.get(feed);
	expect(response.status()).toBe(200);
	const events = new ICAL.Component(ICAL.parse(await response.text())).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
	const event = events.find((e) => e.summary === title);
	expect(event?.startDate.toJSDate().toISOString()).toBe(new Date(`${inDays(21)}T13:30:00+09:00`).toISOString());
	// The other supporter pages: their details, changed (a travel town added), and the certificate.
	await supporter.getByRole('link', { name: '登録内容を変更する' }).click();
	await expect(supporter.getByLabel('お名前')).toHaveValue(name);
	await checkOnThePhone(supporter);
	await supporter.getByText('出かけて手伝える市町村(住まいのほか)').click();
	await supporter.getByRole('group', { name: '会津' }).getByLabel('会津若松市').check();
	await supporter.getByLabel('ひとこと(担当者へ)').fill('<script>alert(1)</script>');
	await supporter.getByRole('button', { name: '保存する' }).click();
	await expect(supporter.locator('#note-error')).toHaveText('「<」で始まるタグのような書き方は使えません。');
	await expect(supporter.getByRole('group', { name: '会津' }).getByLabel('会津若松市')).toBeChecked();
	await supporter.getByLabel('ひとこと(担当者へ)').fill('土曜の午後も大丈夫です');
	await supporter.getByRole('button', { name: '保存する' }).click();
	await expect(supporter.getByRole('status')).toHaveText('保存しました。');
	await supporter.getByRole('link', { name: '活動証明書(印刷用)' }).click();
	await expect(supporter.getByRole('heading', { level: 1 })).toContainText('デジタルサポーター活動証明書');
	await expect(supporter.getByText('この年度の活動の記録はありません。')).toBeVisible();
	await checkOnThePhone(supporter);
	await supporter.goto('/supporter');
	// Renewing the address revokes the old one.
	await supporter.getByRole('button', { name: 'アドレスを作り直す(前のアドレスは使えなくなります)' }).click();
	expect((await supporter.request.get(feed)).status()).toBe(404);
	await checkOnThePhone(supporter);
});

test('staff record a course from a pasted list: the good lines in, each bad line reported by number, or none at all', async ({ browser }) => {
	const staff = await personIn(browser, 'fukushima@demo.tsunagu.example');
	await staff.goto('/office/supporters?town=072010');
	const list = 'メールアドレス\nsupporter@demo.tsunagu.example\nnobody@example.jp\n\n見本 さぽ子\n';
	await staff.getByLabel('名簿(貼り付け)').fill(list);
	await staff.getByRole('button', { name: 'まとめて記録する' }).click();
	const status = staff.getByRole('status');
	await expect(status).toContainText('まちがいがあったため、何も記録していません。');
	await expect(status).toContainText('3行目: このサポーターが見つかりません');
	await expect(status).toContainText('5行目: 同じ人がほかの行にもいます');
	await staff.getByLabel('名簿(貼り付け)').fill(list);
	await staff.getByLabel('1行でもまちがいがあれば、何も記録しない').uncheck();
	await staff.getByRole('button', { name: 'まとめて記録する' }).click();
	await expect(status).toContainText('1人の修了を記録しました。');
	await expect(status).toContainText('3行目');
	await checkOnThePhone(staff);
	// A broken list is told, not a 500.
	await staff.getByLabel('名簿(貼り付け)').fill('"見本 さぽ子\n');
	await staff.getByRole('button', { name: 'まとめて記録する' }).click();
	await expect(staff.getByRole('alert')).toContainText('名簿を読み取れませんでした。');
});
