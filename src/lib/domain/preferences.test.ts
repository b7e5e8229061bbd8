import { describe, expect, it } from 'vitest';
import { parsePreferences } from './preferences.ts';

describe('display preferences', () => {
	it('keeps known values and falls back on anything else', () => {
		const cookies: Record<string, string> = { text_size: 'xlarge', contrast: '<script>', lang: 'en' };
		expect(parsePreferences((name) => cookies[name])).toEqual({ textSize: 'xlarge', contrast: 'normal', lang: 'en' });
	});
});
