import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.ts';

describe('the path to return to after sign-in or a display change', () => {
	it('keeps a path on this site, query and fragment included, in a form a Location header can carry', () => {
		expect(safeReturnPath('/admin/roles?x=1')).toBe('/admin/roles?x=1');
		expect(safeReturnPath('/sessions?municipality=072010&page=2#list')).toBe('/sessions?municipality=072010&page=2#list');
		expect(safeReturnPath('/sessions?q=福島')).toBe('/sessions?q=%E7%A6%8F%E5%B3%B6');
		expect(safeReturnPath('/m/福島市')).toBe('/m/%E7%A6%8F%E5%B3%B6%E5%B8%82');
		expect(safeReturnPath('/@evil.example')).toBe('/@evil.example');
		expect(safeReturnPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
		expect(safeReturnPath('/%09/evil.example')).toBe('/%09/evil.example');
	});

	it.each([
		['protocol-relative', '//evil.example/'],
		['absolute', 'https://evil.example/'],
		['scheme without slashes', 'http:evil.example'],
		['script', 'javascript:alert(1)'],
		['backslash', '/\\evil.example'],
		['two backslashes', '\\\\evil.example'],
		['slash, backslash, slash', '/\\/evil.example'],
		['tab', '/\t/evil.example'],
		['newline', '/\n/evil.example'],
		['carriage return', '/\r/evil.example'],
		['tab between slashes', '/\t\t/evil.example'],
		['userinfo', '//user:pass@evil.example/'],
		['leading space', ' /evil.example'],
		['NUL', '/\u0000'],
		['DEL', '/\u007f'],
		['ESC', '/\u001b[31m'],
		['header splitting', '/x\r\nSet-Cookie: a=b'],
		['nothing', ''],
		['overlong', `/${'a'.repeat(5000)}`]
	])('refuses %s', (_, value) => {
		expect(safeReturnPath(value)).toBe('/');
	});

	it('falls back to what the caller names', () => {
		expect(safeReturnPath(null, '/admin/roles')).toBe('/admin/roles');
		expect(safeReturnPath(undefined)).toBe('/');
	});
});
