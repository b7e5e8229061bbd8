import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoPassword, expectNoAccessibilityViolations, signIn, signUp, uniqueEmail } from './helpers.ts';
import { openMailbox } from './mailbox.ts';

/** A page of a browser of its own (no shared cookies), as axe needs it. */
const freshPage = async (browser: Browser) => (await browser.newContext()).newPage();

/** A new account, made staff of 福島市 by that town's demo staff, whose page is returned. */
async function newStaffOfFukushima(browser: Browser, email: string, password: string): Promise<Page> {
	const newcomer = await freshPage(browser);
	await signUp(newcomer, email, password);
	await newcomer.close();
	const staff = await freshPage(browser);
	await signIn(staff, 'fukushima@demo.tsunagu.example', demoPassword);
	await staff.goto('/admin/roles');
	await staff.getByLabel('メールアドレス').fill(email);
	await staff.getByRole('button', { name: '権限を付ける' }).click();
	await expect(staff.getByRole('status')).toHaveText('権限を付けました。');
	return staff;
}

test.describe('a one-time password from staff', () => {
	// Several accounts signing in (each an Argon2 hash) on a 2-core CI machine.
	test.describe.configure({ timeout: 120_000 });

	test('is shown once, signs its owner in, and makes them choose a password first', async ({ browser }) => {
		const forgetful = uniqueEmail('forgetful');
		const staff = await newStaffOfFukushima(browser, forgetful, 'a password soon forgotten');

		await staff.getByRole('button', { name: `${forgetful} に仮パスワードを発行する` }).click();
		// On a phone the table is far below the top, where the password shows: the page lands there.
		await expect(staff).toHaveURL(/#issued-title$/);
		const issued = staff.getByRole('status').filter({ hasText: '仮パスワード' });
		await expect(issued.getByRole('heading')).toHaveText(`${forgetful} の仮パスワード`);
		await expect(issued).toContainText(/令和\d+年\d+月\d+日.*まで有効です。/);
		const password = (await issued.locator('.secret').textContent())!.trim();
		expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
		await expect(staff.locator('section', { hasText: '変更の記録' }).getByRole('row').nth(1)).toContainText('仮パスワードを発行(市町村の担当者・福島市)');
		await expectNoAccessibilityViolations(staff);
		// A reload shows the same one, not a new one; so does a display switch.
		await staff.reload();
		await expect(staff.locator('.secret')).toHaveText(password);
		await staff.getByRole('button', { name: '特大' }).click();
		await expect(staff.locator('.secret')).toHaveText(password);
		await staff.getByRole('button', { name: '標準' }).first().click();
		// Hidden on request, and then not found again.
		await staff.getByRole('button', { name: '控えたので表示を消す' }).click();
		await expect(staff.getByText(password)).toHaveCount(0);
		await staff.goto('/admin/roles');
		await expect(staff.getByText(password)).toHaveCount(0);
		await staff.close();

		const owner = await freshPage(browser);
		await signIn(owner, forgetful, 'a password soon forgotten');
		await expect(owner.getByRole('alert')).toContainText('メールアドレスかパスワードがちがいます');
		await owner.goto('/admin/roles');
		await owner.getByLabel('メールアドレス').fill(forgetful);
		await owner.getByLabel('パスワード').fill(password);
		await owner.getByRole('button', { name: 'ログインする' }).click();

		// Wherever they were going, choosing a password comes first, without the current one.
		await expect(owner).toHaveURL(/\/account\/password\?next=%2Fadmin%2Froles$/);
		await expect(owner.getByText('仮パスワードでログインしました。')).toBeVisible();
		await expect(owner.getByLabel('いまのパスワード')).toHaveCount(0);
		await owner.goto('/');
		await expect(owner).toHaveURL(/\/account\/password\?next=%2F$/);
		await owner.goto('/account/password?next=/admin/roles');
		await expectNoAccessibilityViolations(owner);

		await owner.getByLabel('新しいパスワード').fill(password);
		await owner.getByRole('button', { name: '変更する' }).click();
		await expect(owner.getByRole('alert')).toContainText('仮パスワードとはちがう');
		await owner.getByLabel('新しいパスワード').fill('my very own password');
		await owner.getByRole('button', { name: '変更する' }).click();
		await expect(owner.getByRole('status')).toContainText('パスワードを変更しました。');
		await owner.getByRole('link', { name: '続ける' }).click();
		await expect(owner.getByRole('heading', { level: 1 })).toHaveText('権限の管理');
		await owner.close();

		const again = await freshPage(browser);
		await signIn(again, forgetful, password);
		await expect(again.getByRole('alert')).toContainText('メールアドレスかパスワードがちがいます');
		await signIn(again, forgetful, 'my very own password');
		await expect(again.getByRole('link', { name: '権限の管理' })).toBeVisible();
		await again.close();
	});

	test('is refused for an account reaching beyond the staff member’s town, and for their own', async ({ page }) => {
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.goto('/admin/roles');
		await expect(page.getByRole('button', { name: 'fukushima@demo.tsunagu.example に仮パスワードを発行する' })).toHaveCount(0);
		// Forged grant ids: unknown, malformed, hostile, posted as the page's form would be.
		const origin = new URL(page.url()).origin;
		for (const grantId of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '<script>']) {
			const response = await page.request.post('/admin/roles?/oneTimePassword', {
				form: { grant_id: grantId },
				headers: { origin, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status()).toBe(400);
			const html = await response.text();
			expect(html).toContain(grantId === '00000000-0000-4000-8000-000000000000' ? 'この権限はもう外されています' : '対象の権限が見つかりません。');
			expect(html).not.toContain('class="secret"');
			expect(html).not.toContain('<script>alert');
		}
	});
});

test.describe('a reset link by e-mail', () => {
	test.describe.configure({ timeout: 90_000 });
	let mailbox: Awaited<ReturnType<typeof openMailbox>>;
	test.beforeAll(async () => {
		mailbox = await openMailbox();
	});
	test.afterAll(() => mailbox.close());

	test('arrives, sets a new password once, and is refused the second time', async ({ browser, page, baseURL }) => {
		const owner = uniqueEmail('mailed');
		await signUp(page, owner, 'the old password');
		await page.getByRole('button', { name: 'ログアウト' }).click();

		await page.goto('/signin');
		await page.getByRole('link', { name: 'メールでパスワードを設定しなおす' }).click();
		await expectNoAccessibilityViolations(page);
		// Typed with the IME still on: full-width letters.
		await page.getByLabel('メールアドレス').fill(owner.normalize('NFKC').replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
		await page.getByRole('button', { name: 'メールを送る' }).click();
		await expect(page.getByRole('status')).toContainText(`${owner} で登録されていれば`);

		const mail = await mailbox.mailTo(owner);
		expect(mail.subject).toBe('【つなぐ】パスワードの再設定');
		expect(mail.from?.text).toContain('tsunagu@e2e.example');
		const link = mail.text!.match(/https?:\/\/\S+/)![0];
		expect(link).toMatch(new RegExp(`^${baseURL}/password-reset/[A-Za-z0-9_-]{43}$`));

		const tab = await freshPage(browser);
		await tab.goto(link);
		await expect(tab.getByText(`${owner} のアカウントの、新しいパスワードを決めてください。`)).toBeVisible();
		await expectNoAccessibilityViolations(tab);
		await tab.getByLabel('新しいパスワード').fill('short');
		await tab.getByRole('button', { name: '設定する' }).click();
		await expect(tab.getByRole('alert')).toContainText('パスワードが短すぎます');
		await tab.getByLabel('新しいパスワード').fill('the new password');
		await tab.getByRole('button', { name: '設定する' }).click();
		await expect(tab.getByRole('status')).toContainText('パスワードを設定しました。');
		await expect(tab.getByLabel('メールアドレス')).toHaveValue(owner);
		await tab.getByLabel('パスワード').fill('the new password');
		await tab.getByRole('button', { name: 'ログインする' }).click();
		await expect(tab.getByRole('button', { name: 'ログアウト' })).toBeVisible();
		await tab.close();

		const second = await freshPage(browser);
		await second.goto(link);
		await expect(second.getByRole('alert')).toContainText('このリンクはもう使えません。');
		await expect(second.getByLabel('新しいパスワード')).toHaveCount(0);
		await second.getByRole('link', { name: 'もう一度メールを送る' }).click();
		await expect(second).toHaveURL(/\/password-reset$/);
		await signIn(second, owner, 'the old password');
		await expect(second.getByRole('alert')).toContainText('メールアドレスかパスワードがちがいます');
		await second.close();
	});

	test('answers alike for an address without an account, and sends it nothing', async ({ page }) => {
		const stranger = uniqueEmail('stranger');
		await page.goto('/password-reset');
		await page.getByLabel('メールアドレス').fill(stranger);
		await page.getByRole('button', { name: 'メールを送る' }).click();
		await expect(page.getByRole('status')).toContainText(`${stranger} で登録されていれば`);
		// A mail to an existing account sent after it arrives; the stranger's would have come first.
		// A demo account (a request changes no password): sign-ups from one address are limited.
		const known = 'supporter3@demo.tsunagu.example';
		await page.goto('/password-reset');
		await page.getByLabel('メールアドレス').fill(known);
		await page.getByRole('button', { name: 'メールを送る' }).click();
		await mailbox.mailTo(known);
		expect(mailbox.mailsTo(stranger)).toEqual([]);
	});

	test('refuses hostile input with a message, and odd links as unusable', async ({ page }) => {
		await page.goto('/password-reset');
		for (const email of ['<script>alert(1)</script>', 'a@b', ' ', 'x'.repeat(300) + '@e2e.example']) {
			await page.getByLabel('メールアドレス').fill(email);
			await page.getByRole('button', { name: 'メールを送る' }).click();
			await expect(page.getByRole('alert')).toContainText(/メールアドレス/);
			await expect(page.locator('script:text("alert(1)")')).toHaveCount(0);
		}
		for (const token of ['x', 'A'.repeat(43), '..%2F..%2Fadmin', '%E3%81%82'.repeat(43), 'A'.repeat(5000)]) {
			const response = await page.goto(`/password-reset/${token}`);
			expect(response?.status()).toBe(200);
			await expect(page.getByRole('alert')).toContainText('このリンクは使えません。');
		}
	});
});
