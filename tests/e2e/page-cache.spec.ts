import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

/** One GET as a browser sends it, with the bytes exactly as they came over the wire. */
function rawGet(url: string, gzip: boolean) {
	return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }>((resolve, reject) => {
		const req = httpRequest(url, { headers: gzip ? { 'accept-encoding': 'gzip, deflate, br' } : {} }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
		});
		req.setTimeout(10_000, () => req.destroy(new Error('no complete answer in 10 s')));
		req.on('error', reject);
		req.end();
	});
}

// Public list pages are reused for up to a second (src/lib/server/page-cache.ts): a reused
// answer must be the same page, whole, in whichever encoding the browser takes.
test('a reused public page is whole and the same, compressed or not', async ({ baseURL }) => {
	for (const path of ['/', '/sessions?municipality=072010']) {
		const plain = await rawGet(baseURL + path, false);
		expect(plain.status).toBe(200);
		const html = plain.bytes.toString('utf8');
		expect(html).toContain('</html>');
		for (let i = 0; i < 3; i++) {
			const zipped = await rawGet(baseURL + path, true);
			expect(zipped.headers['content-encoding']).toBe('gzip');
			if (zipped.headers['content-length']) expect(Number(zipped.headers['content-length'])).toBe(zipped.bytes.length);
			expect(gunzipSync(zipped.bytes).toString('utf8')).toBe(html);
		}
		const again = await rawGet(baseURL + path, false);
		if (again.headers['content-length']) expect(Number(again.headers['content-length'])).toBe(again.bytes.length);
		expect(again.bytes.toString('utf8')).toBe(html);
	}
});
