import { expect, test, type Page } from '@playwright/test';
import { demoPassword, signIn } from './helpers.ts';

// Ways to smuggle another host past a "starts with one slash" check, as a link would carry them.
const bypasses = ['/%09/evil.example', '/%0A/evil.example', '/%0D/evil.example', '/%5Cevil.example', '/%5C/evil.example', '//evil.example', '/%2F/evil.example', '//user@evil.example'];

// A redirect off the site fails to resolve here (no network), so page.goto throws.
const staysHere = (page: Page) => expect(new URL(page.url()).hostname).toBe('127.0.0.1');

test.describe('return paths never leave the site', () => {
	test('a signed-in visitor following a sign-in link with a hostile next stays here', async ({ page }) => {
		await signIn(page, 'supporter@demo.tsunagu.example', demoPassword);
		for (const next of bypasses) {
			await page.goto(`/signin?next=${next}`);
			await staysHere(page);
		}
	});

	test('signing in from such a link lands on this site', async ({ page }) => {
		await page.goto('/signin?next=/%09/evil.example');
		await page.getByLabel('メールアドレス').fill('supporter@demo.tsunagu.example');
		await page.getByLabel('パスワード').fill(demoPassword);
		await page.getByRole('button', { name: 'ログインする' }).click();
		await expect(page.getByText('ログイン中:')).toBeVisible();
		await staysHere(page);
	});

	test('the display form returns to this site whatever its return_to says', async ({ page }) => {
		for (const returnTo of ['/\t/evil.example', '/\\evil.example', '/\n/evil.example']) {
			await page.goto('/');
			await page.locator('input[name="return_to"]').evaluate((input, value) => ((input as HTMLInputElement).value = value), returnTo);
			await page.getByRole('button', { name: '大', exact: true }).click();
			await staysHere(page);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('スマホ教室をさがす');
		}
	});

	test('a path with Japanese or control characters never breaks the redirect', async ({ request }) => {
		for (const next of ['/%7f', '/%1b', '/%00', '/%E7%A6%8F%E5%B3%B6', '/x%0D%0ASet-Cookie:%20a=b']) {
			const response = await request.post(`/preferences`, {
				form: { text_size: 'standard', contrast: 'normal', lang: 'ja', return_to: decodeURIComponent(next) },
				headers: { origin: new URL(test.info().project.use.baseURL!).origin, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status(), next).toBe(303);
			expect(response.headers()['location'], next).toMatch(/^\/[\x21-\x7e]*$/);
			expect(response.headers()['x-content-type-options']).toBe('nosniff');
		}
	});
});
