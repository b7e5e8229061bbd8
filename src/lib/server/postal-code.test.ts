import { describe, expect, it } from 'vitest';
import { municipalityOfPostalCode } from './postal-code.ts';

describe('〒 code to municipality, offline', () => {
	it('finds the town of a code', () => {
		expect(municipalityOfPostalCode('9650872')).toEqual({ code: '072028', area: '会津若松市東栄町' });
		expect(municipalityOfPostalCode('9630201')?.code).toBe('072036'); // 郡山市
		expect(municipalityOfPostalCode('9791111')?.code).toBe('075434'); // 富岡町
		expect(municipalityOfPostalCode('1000001')?.code).toBe('131016'); // 千代田区: outside Fukushima
	});

	it('answers null for a code that does not exist', () => {
		expect(municipalityOfPostalCode('9999999')).toBeNull();
	});
});
