import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { demoPassword, signIn, signUp, uniqueEmail } from './helpers.ts';

// Each refusal a person can meet says what happened and what to do, in both languages.
const languages = [
	{ lang: 'ja', crossSite: 'ほかのサイトから送られてきたため、受け付けませんでした', noForm: 'このページでは送信を受け付けていません', role: '権限は「県の担当者」か「市町村の担当者」から選んでください', gone: 'この権限はもう外されています', next: '担当の部署で権限を付けてもらうと' },
	{ lang: 'en', crossSite: 'This came from another site, so it was not accepted', noForm: 'This page does not take submissions', role: 'Choose a role: prefecture staff or municipal staff', gone: 'This role was already removed', next: 'once their office has given them a role' }
] as const;

async function inLanguage(context: BrowserContext, baseURL: string, lang: string) {
	await context.addCookies([{ name: 'lang', value: lang, url: baseURL }]);
}

/** Submits the page's own form after changing one field's value, as a stale or tampered page would. */
async function submitWith(page: Page, form: string, field: string, value: string) {
	await page.locator(`${form} [name="${field}"]`).evaluate((element, v) => {
		const select = element as HTMLSelectElement;
		if (select.tagName === 'SELECT') select.add(new Option(v, v));
		select.value = v;
	}, value);
	await page.locator(`${form} button[type="submit"]`).click();
}

test('a form another site sends to ours is refused in plain words, and does nothing', async ({ page, baseURL }) => {
	await page.route('http://evil.example/**', (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: `<form method="post" action="${baseURL}/admin/roles?/grant"><input name="email" value="x@evil.example"><input name="role" value="prefecture_admin"><button>go</button></form>`
		})
	);
	await page.goto('http://evil.example/');
	await page.getByRole('button', { name: 'go' }).click();
	await expect(page.getByRole('alert')).toContainText(languages[0].crossSite);
	await expect(page.locator('a[href="/"]').first()).toBeVisible();
});

for (const words of languages) {
	test.describe(`messages in ${words.lang}`, () => {
		test('a form sent from another site', async ({ request }) => {
			const response = await request.post('/signin', {
				form: { email: 'a@b.jp', password: 'x' },
				headers: { origin: 'https://evil.example', accept: 'text/html', cookie: `lang=${words.lang}` }
			});
			expect(response.status()).toBe(403);
			expect(await response.text()).toContain(words.crossSite);
		});

		test('a form posted to a page that takes none', async ({ page, context, baseURL }) => {
			await inLanguage(context, baseURL!, words.lang);
			await page.goto('/');
			// A page that once had a form here, reloaded after the form went away.
			await page.locator('body').evaluate((body) => {
				const form = Object.assign(document.createElement('form'), { method: 'POST', action: '/' });
				form.append(Object.assign(document.createElement('button'), { type: 'submit', textContent: 'send' }));
				body.append(form);
			});
			await page.getByRole('button', { name: 'send' }).click();
			await expect(page.getByRole('alert')).toContainText(words.noForm);
		});

		test('an unknown role, and revoking a role someone else removed first', async ({ page, browser, context, baseURL }) => {
			const newcomer = uniqueEmail(`msg-${words.lang}`);
			const other = await browser.newPage();
			await signUp(other, newcomer, 'newcomer password');
			await other.close();
			await signIn(page, 'admin@demo.tsunagu.example', demoPassword);
			await inLanguage(context, baseURL!, words.lang);
			await page.goto('/admin/roles');
			await page.locator('#email').fill(newcomer);
			await submitWith(page, 'form[action="?/grant"]', 'role', 'emperor');
			await expect(page.getByRole('alert')).toContainText(words.role);

			await page.locator('#email').fill(newcomer);
			await page.locator('select[name="role"]').selectOption('municipality_staff');
			await page.locator('select[name="municipality_code"]').selectOption('072010');
			await page.locator('form[action="?/grant"] button[type="submit"]').click();
			const row = page.getByRole('row').filter({ hasText: newcomer }).filter({ has: page.getByRole('button') });
			const second = await context.newPage();
			await second.goto('/admin/roles');
			await second.getByRole('row').filter({ hasText: newcomer }).filter({ has: second.getByRole('button') }).locator('form[action="?/revoke"] button').click();
			await row.locator('form[action="?/revoke"] button').click();
			await expect(page.getByRole('alert')).toContainText(words.gone);
		});

		test('what happens after sign-up', async ({ page, context, baseURL }) => {
			await inLanguage(context, baseURL!, words.lang);
			await page.goto('/signup');
			await page.locator('#email').fill(uniqueEmail(`next-${words.lang}`));
			await page.locator('#password').fill('a fine long password');
			await page.locator('main form button[type="submit"]').click();
			await expect(page.locator('main')).toContainText(words.next);
		});
	});
}
