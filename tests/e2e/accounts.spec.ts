import { expect, test } from '@playwright/test';
import { demoPassword, expectNoAccessibilityViolations, signIn, signUp, uniqueEmail } from './helpers.ts';

test.describe('accounts', () => {
	test('sign up, sign out, sign in and sign out again', async ({ page }) => {
		const email = uniqueEmail('journey');
		await page.goto('/signup');
		await expectNoAccessibilityViolations(page);
		await page.getByLabel('メールアドレス').fill(email);
		await page.getByLabel('パスワード').fill('a long enough password');
		await page.getByRole('button', { name: '登録する' }).click();
		await expect(page.getByRole('status')).toContainText('登録を受け付けました');
		await expect(page.getByText('ログイン中:')).toHaveCount(0);
		await expectNoAccessibilityViolations(page);
		await expect(page.getByLabel('メールアドレス')).toHaveValue(email);
		await page.getByLabel('パスワード').fill('a long enough password');
		await page.getByRole('button', { name: 'ログインする' }).click();
		await expect(page.getByText(`ログイン中: ${email}`)).toBeVisible();

		await page.getByRole('button', { name: 'ログアウト' }).click();
		await expect(page.getByRole('link', { name: 'ログイン' })).toBeVisible();
		await expect(page.getByText('ログイン中:')).toHaveCount(0);

		await signIn(page, email, 'a long enough password');
		await expect(page.getByText(`ログイン中: ${email}`)).toBeVisible();
		const cookie = (await page.context().cookies()).find((c) => c.name === 'tsunagu_session');
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

		await page.getByRole('button', { name: 'ログアウト' }).click();
		await expect(page.getByText('ログイン中:')).toHaveCount(0);
	});

	test('sign-up explains a malformed e-mail and a short password, and keeps what was typed', async ({ page }) => {
		await page.goto('/signup');
		await page.getByLabel('メールアドレス').fill('not-an-email<script>');
		await page.getByLabel('パスワード').fill('short');
		await page.getByRole('button', { name: '登録する' }).click();
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('メールアドレスの形が正しくありません');
		await expect(alert).toContainText('10文字以上にしてください');
		await expect(page.getByLabel('メールアドレス')).toHaveValue('not-an-email<script>');
		await expect(page.getByLabel('メールアドレス')).toHaveAttribute('aria-invalid', 'true');
		await expectNoAccessibilityViolations(page);
	});

	test('sign-up works without JavaScript', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		const email = uniqueEmail('nojs');
		await signUp(page, email, 'a long enough password');
		await expect(page.getByText(`ログイン中: ${email}`)).toBeVisible();
		await context.close();
	});

	test('sign-up answers a taken address exactly as a new one', async ({ request, baseURL }) => {
		const answer = async (email: string) => {
			const response = await request.post('/signup', {
				form: { email, password: 'some long password' },
				headers: { origin: new URL(baseURL!).origin, accept: 'text/html' },
				maxRedirects: 0
			});
			const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie');
			return { status: response.status(), cookies, body: (await response.text()).replaceAll(email, '<email>') };
		};
		const fresh = await answer(uniqueEmail('fresh'));
		const taken = await answer('admin@demo.tsunagu.example');
		expect(fresh.status).toBe(200);
		expect(fresh.cookies).toEqual([]);
		expect(taken).toEqual(fresh);
	});

	test('a full-width e-mail address signs in; one that is still wrong asks for half-width letters', async ({ page }) => {
		await signIn(page, 'ｓｕｐｐｏｒｔｅｒ３＠ｄｅｍｏ．ｔｓｕｎａｇｕ．ｅｘａｍｐｌｅ', demoPassword);
		await expect(page.getByText('ログイン中: supporter3@demo.tsunagu.example')).toBeVisible();
		await page.getByRole('button', { name: 'ログアウト' }).click();
		await signIn(page, 'さぽーたー＠でも．ｊｐ', demoPassword);
		await expect(page.getByRole('alert')).toContainText('半角の英数字で入力してください');
		await expect(page.getByLabel('メールアドレス')).toHaveValue('さぽーたー＠でも．ｊｐ');
	});

	test('a 10 MB body gets a clear message, not a crash', async ({ request, page, baseURL }) => {
		const response = await request.post('/signup', {
			form: { email: 'big@e2e.example', password: 'x'.repeat(10 * 1024 * 1024) },
			headers: { origin: new URL(baseURL!).origin, accept: 'text/html' }
		});
		expect(response.status()).toBe(413);
		expect(await response.text()).toContain('送信された内容が大きすぎます');
		await signIn(page, 'big@e2e.example', 'x'.repeat(20));
		await expect(page.getByRole('alert')).toContainText('メールアドレスかパスワードがちがいます');
	});

	test('five wrong passwords in a row get a clear "try again later"', async ({ page }) => {
		const email = uniqueEmail('locked');
		await signUp(page, email, 'the right password');
		await page.getByRole('button', { name: 'ログアウト' }).click();
		for (let i = 1; i <= 5; i++) {
			await signIn(page, email, `wrong guess ${i}`);
			await expect(page.getByRole('alert')).toContainText(i < 5 ? 'メールアドレスかパスワードがちがいます' : '1分ほどたってから、もう一度お試しください');
		}
		await signIn(page, email, 'the right password');
		await expect(page.getByRole('alert')).toContainText('しばらく受け付けを止めています');
		await expect(page.getByText('ログイン中:')).toHaveCount(0);
	});
});

test('changing the password needs the current one and takes effect', async ({ page }) => {
	const email = uniqueEmail('changer');
	await signUp(page, email, 'first password');
	await page.getByRole('link', { name: 'パスワードの変更' }).click();
	await expectNoAccessibilityViolations(page);
	await page.getByLabel('いまのパスワード').fill('wrong one');
	await page.getByLabel('新しいパスワード').fill('second password');
	await page.getByRole('button', { name: '変更する' }).click();
	await expect(page.getByRole('alert')).toContainText('いまのパスワードがちがいます');
	await page.getByLabel('いまのパスワード').fill('first password');
	await page.getByLabel('新しいパスワード').fill('second password');
	await page.getByRole('button', { name: '変更する' }).click();
	await expect(page.getByRole('status')).toContainText('パスワードを変更しました');
	await page.getByRole('button', { name: 'ログアウト' }).click();
	await signIn(page, email, 'second password');
	await expect(page.getByText(`ログイン中: ${email}`)).toBeVisible();
});
