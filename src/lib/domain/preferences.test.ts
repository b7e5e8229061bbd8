import { describe, expect, it } from 'vitest';
import { parsePreferences, safeReturnPath } from './preferences.ts';

describe('display preferences', () => {
	it('keeps known values and falls back on anything else', () => {
		const cookies: Record<string, string> = { text_size: 'xlarge', contrast: '<script>', lang: 'en' };
		expect(parsePreferences((name) => cookies[name])).toEqual({ textSize: 'xlarge', contrast: 'normal', lang: 'en' });
	});

	it('only returns to paths on this site', () => {
		expect(safeReturnPath('/admin/roles?x=1')).toBe('/admin/roles?x=1');
		expect(safeReturnPath('//evil.example/')).toBe('/');
		expect(safeReturnPath('/\\evil.example')).toBe('/');
		expect(safeReturnPath('https://evil.example/')).toBe('/');
		expect(safeReturnPath(null)).toBe('/');
	});
});
