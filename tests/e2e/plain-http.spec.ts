import { expect, test, type APIResponse } from '@playwright/test';
import { demoPassword } from './helpers.ts';

// A town PC serves the site over plain http on the office network, with no ORIGIN set.
// Browsers refuse a Secure cookie from an http page, so none may be Secure here.
const setCookies = (response: APIResponse) =>
	response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);

test.describe('served over plain http without ORIGIN', () => {
	test('signing out sends a removal the browser will take: not Secure', async ({ request, baseURL }) => {
		const origin = new URL(baseURL!).origin;
		const signIn = await request.post('/signin', {
			form: { email: 'supporter2@demo.tsunagu.example', password: demoPassword },
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(signIn.status()).toBe(303);
		expect(setCookies(signIn).find((c) => c.startsWith('tsunagu_session='))).not.toMatch(/;\s*Secure/i);
		const signOut = await request.post('/signout', { form: {}, headers: { origin, accept: 'text/html' }, maxRedirects: 0 });
		expect(signOut.status()).toBe(303);
		const removal = setCookies(signOut).find((c) => c.startsWith('tsunagu_session='));
		expect(removal).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
		expect(removal).not.toMatch(/;\s*Secure/i);
	});

	test('a client claiming X-Forwarded-Proto: https is answered as the http it is', async ({ request, baseURL }) => {
		const origin = new URL(baseURL!).origin;
		const response = await request.post('/preferences', {
			form: { text_size: 'large', contrast: 'normal', lang: 'ja', return_to: '/' },
			headers: { origin, accept: 'text/html', 'x-forwarded-proto': 'https' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		const cookies = setCookies(response);
		expect(cookies).toHaveLength(3);
		for (const cookie of cookies) expect(cookie).not.toMatch(/;\s*Secure/i);
	});
});
