import { describe, expect, it } from 'vitest';
import { normalizePostalCode, readSearch, searchHref } from './session-search.ts';

describe('session search in the address', () => {
	it('reads a shared address back into the same search', () => {
		const href = '/sessions?municipality=072010&topic=line&part=am&weekday=1&weekday=3&page=2';
		const { search, ignored } = readSearch(new URL(href, 'http://x').searchParams);
		expect(ignored).toEqual([]);
		expect(search).toMatchObject({ municipality: '072010', topic: 'line', weekday: [1, 3], part: 'am', page: 2 });
		expect(searchHref(search)).toBe(href);
		expect(searchHref(search, { page: 1 })).toBe('/sessions?municipality=072010&topic=line&part=am&weekday=1&weekday=3');
	});

	it('drops what it cannot read and names it', () => {
		const params = new URLSearchParams('municipality=<script>&from=2027-02-30&weekday=9&page=-1&lat=91&lng=140&device=pager&topic=' + 'a'.repeat(100));
		const { search, ignored } = readSearch(params);
		expect(search).toEqual({ weekday: [], page: 1 });
		expect(ignored.sort()).toEqual(['device', 'from', 'lat', 'lng', 'municipality', 'page', 'topic', 'weekday'].sort());
	});

	it('reads 〒 codes as seniors type them', () => {
		expect(normalizePostalCode('〒９６０－８６０１')).toBe('9608601');
		expect(normalizePostalCode('965ー0872')).toBe('9650872');
		expect(normalizePostalCode('96508')).toBeNull();
		expect(normalizePostalCode('abcdefg')).toBeNull();
	});
});
