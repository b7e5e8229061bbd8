import { expect, test } from '@playwright/test';

// What a senior's phone downloads for the first page, on a first visit, compressed as sent.
// Measured at 6.2 kB in 4 requests with no script at first; the search form and the
// "near me" script (the one script a public page loads, ~0.9 kB) brought it to ~9 kB.
// Every public page's uncompressed weight is checked in public-pages.spec.ts.
const budget = { totalBytes: 14_000, javascriptBytes: 1_200 };

test('the list of classes stays within its byte budget', async ({ page }) => {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	const urls = new Map<string, string>();
	const bytes = new Map<string, number>();
	cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
	cdp.on('Network.loadingFinished', (e) => bytes.set(urls.get(e.requestId) ?? e.requestId, e.encodedDataLength));
	const response = await page.goto('/', { waitUntil: 'networkidle' });
	expect(response?.headers()['content-encoding']).toMatch(/^(gzip|br)$/);

	const total = [...bytes.values()].reduce((a, b) => a + b, 0);
	const javascript = [...bytes].filter(([url]) => /\.m?js(\?|$)/.test(url)).reduce((a, [, n]) => a + n, 0);
	console.log(`/: ${bytes.size} requests, ${total} bytes on the wire, ${javascript} of them JavaScript`);
	expect(javascript).toBeLessThanOrEqual(budget.javascriptBytes);
	expect(total).toBeLessThanOrEqual(budget.totalBytes);
});
