import { expect, test } from '@playwright/test';

const usualHeaders = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' };

test.describe('odd requests get a clear answer, never a crash', () => {
	test('a body that is not a form gets a 400 page saying so, with the usual headers', async ({ request, baseURL }) => {
		const origin = new URL(baseURL!).origin;
		for (const [contentType, body] of [
			['text/plain', 'email=a@b.jp&password=x'],
			['multipart/form-data; boundary=abc', '--abc\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b'],
			['multipart/form-data', 'no boundary at all']
		]) {
			for (const path of ['/signin', '/signup', '/preferences']) {
				const response = await request.post(path, { headers: { origin, 'content-type': contentType!, accept: 'text/html' }, data: body });
				expect(response.status(), `${path} ${contentType}`).toBe(400);
				expect(response.headers()).toMatchObject(usualHeaders);
				expect(await response.text()).toContain('送信された内容を読み取れませんでした');
			}
		}
	});

	test('static files are only read: other methods get 405 and the usual headers', async ({ request }) => {
		for (const method of ['PUT', 'DELETE', 'TRACE', 'PATCH', 'POST', 'OPTIONS']) {
			const response = await request.fetch('/favicon.svg', { method });
			expect(response.status(), method).toBe(405);
			expect(response.headers()['allow']).toBe('GET, HEAD');
			expect(response.headers()).toMatchObject(usualHeaders);
		}
		const file = await request.get('/favicon.svg');
		expect(file.status()).toBe(200);
		expect(file.headers()).toMatchObject({ ...usualHeaders, 'content-security-policy': expect.stringContaining("default-src 'none'") });
	});

	// SvelteKit runs the hooks for a path it cannot decode outside its own error handling:
	// a refusal thrown there (cross-site, or a redirect) rejected unhandled and ended the server.
	test('a path that does not decode gets a 400, whatever the hooks would refuse, and the server stays up', async ({ request, baseURL }) => {
		for (const path of ['/%ED%A0%80', '/password-reset/%ED%A0%80', '/%c0%ae%c0%ae/etc/passwd', '/admin/%ff']) {
			for (const headers of [{ origin: 'https://evil.example' }, { origin: new URL(baseURL!).origin }]) {
				const response = await request.post(path, { headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, data: 'x=1' });
				expect(response.status(), path).toBe(400);
				expect(response.headers()).toMatchObject(usualHeaders);
				expect(await response.text()).toContain('このアドレスは正しくありません');
			}
			expect((await request.get(path)).status(), path).toBe(400);
		}
		expect((await request.get('/healthz')).status()).toBe(200);
	});

	test('an action named “default” in the address is a tampered form, not a crash', async ({ request, baseURL }) => {
		const origin = new URL(baseURL!).origin;
		for (const path of ['/signin?/default', '/password-reset?/default', '/admin/roles?x=1&/default']) {
			const response = await request.post(path, { headers: { origin, accept: 'text/html' }, form: { email: 'a@b.jp' } });
			expect(response.status(), path).toBe(400);
			expect(await response.text()).toContain('送信された内容を読み取れませんでした');
		}
	});

	test('pages take GET, HEAD and POST only', async ({ request }) => {
		for (const method of ['PUT', 'DELETE', 'TRACE', 'PATCH']) {
			const response = await request.fetch('/signin', { method });
			expect(response.status(), method).toBe(405);
			expect(response.headers()['allow']).toBe('GET, HEAD, POST');
		}
	});

	test('a page keeps its own content security policy', async ({ request }) => {
		const response = await request.get('/');
		expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
		expect(response.headers()['content-security-policy']).not.toContain("default-src 'none'");
	});

	test('a request Node cannot take (an overlong URL) still carries the usual headers', async ({ request }) => {
		const response = await request.get(`/?q=${'a'.repeat(40_000)}`);
		expect(response.status()).toBe(431);
		expect(response.headers()).toMatchObject(usualHeaders);
	});

	test('a cross-site form post is refused with the usual headers', async ({ request }) => {
		const response = await request.post('/signin', { headers: { origin: 'https://evil.example' }, form: { email: 'a@b.jp', password: 'x' } });
		expect(response.status()).toBe(403);
		expect(response.headers()).toMatchObject(usualHeaders);
	});
});
