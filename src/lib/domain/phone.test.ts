import { describe, expect, it } from 'vitest';
import { formatPhone, telHref } from './phone.ts';

describe('phone numbers as staff read them', () => {
	it('groups Japanese numbers by their area code', () => {
		expect(formatPhone('0245351111')).toBe('024-535-1111');
		expect(formatPhone('0242391111')).toBe('0242-39-1111');
		expect(formatPhone('09012345678')).toBe('090-1234-5678');
		expect(formatPhone('0120123456')).toBe('0120-123-456');
	});

	it('leaves what is not a number as it was, and makes tel: links of digits', () => {
		expect(formatPhone('12345')).toBe('12345');
		expect(formatPhone(null)).toBe('');
		expect(telHref('024-535-1111')).toBe('tel:0245351111');
	});
});
