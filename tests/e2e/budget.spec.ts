import { expect, test } from '@playwright/test';

// What a senior's phone downloads for the list of classes, on a first visit.
// Measured at 6.2 kB in 4 requests when this was written; the budget leaves room to grow.
const budget = { totalBytes: 12_000, javascriptBytes: 0 };

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
