import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isValidLocalGovernmentCode } from './local-government-code.ts';

describe('全国地方公共団体コード', () => {
	it('accepts the prefecture and its municipalities', () => {
		expect(isValidLocalGovernmentCode('070009')).toBe(true);
		const codes = readFileSync('data/fukushima-municipalities.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
		expect(codes).toHaveLength(59);
		expect(codes.filter((code) => !isValidLocalGovernmentCode(code))).toEqual([]);
	});

	it('rejects a wrong check digit or a malformed code', () => {
		expect(isValidLocalGovernmentCode('072011')).toBe(false);
		expect(isValidLocalGovernmentCode('07201')).toBe(false);
		expect(isValidLocalGovernmentCode('07201x')).toBe(false);
	});
});
