import { describe, expect, it } from 'vitest';
import { createPageCache, type CachedPage } from './page-cache.ts';

describe('the public page cache', () => {
	let clock = 0;
	const page = (body: string): CachedPage => ({ status: 200, headers: [], body, readAt: clock });

	it('makes a page once for everyone asking at once, and reuses it only while younger than the limit', async () => {
		clock = 0;
		const cache = createPageCache({ ttlMs: 1000, now: () => clock });
		let made = 0;
		const make = async () => {
			made += 1;
			await new Promise((r) => setTimeout(r, 5));
			return page(`version ${made}`);
		};
		const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('/', make)));
		expect(made).toBe(1);
		expect(new Set(answers.map((a) => a?.body))).toEqual(new Set(['version 1']));

		clock = 999;
		expect((await cache.get('/', make))?.body).toBe('version 1');
		// Its age counts from when its data was read (readAt), not from when it was stored.
		clock = 1000;
		expect((await cache.get('/', make))?.body).toBe('version 2');
	});

	it('forgets everything on clear(), including a page being made while it was cleared', async () => {
		clock = 0;
		const cache = createPageCache({ ttlMs: 1000, now: () => clock });
		await cache.get('/', async () => page('before'));
		let release!: () => void;
		const slow = cache.get('/sessions', () => new Promise<CachedPage>((r) => (release = () => r(page('read before the change')))));
		cache.clear();
		release();
		expect((await slow)?.body).toBe('read before the change');
		expect(cache.size).toBe(0);
		expect((await cache.get('/', async () => page('after')))?.body).toBe('after');
	});

	it('keeps no page it was told not to keep, nor a failure, and holds at most maxEntries', async () => {
		clock = 0;
		const cache = createPageCache({ ttlMs: 1000, maxEntries: 3, now: () => clock });
		expect(await cache.get('/refused', async () => null)).toBeNull();
		await expect(cache.get('/broken', async () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
		expect(cache.size).toBe(0);
		for (const path of ['/a', '/b', '/c', '/d']) await cache.get(path, async () => page(path));
		expect(cache.size).toBe(3);
		expect((await cache.get('/a', async () => page('/a again')))?.body).toBe('/a again');
	});
});
