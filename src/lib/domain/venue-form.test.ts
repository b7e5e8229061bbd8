import { describe, expect, it } from 'vitest';
import { archiveForm, venueForm } from './venue-form.ts';

const valid = {
	name: '中央公民館', kana: 'ちゅうおう こうみんかん', postal_code: '960-8041', address: '福島市見本町1-1', lat: '37.76111', lng: '140.47306',
	access: '', parking: '', barrier_free: '', has_wifi: '', loaner_phones: '0'
};
const codes = (fields: Record<string, string>) => {
	const parsed = venueForm.safeParse({ ...valid, ...fields });
	return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the venue form', () => {
	it('takes what a clerk types, in either width, as the table keeps it', () => {
		expect(venueForm.parse({ ...valid, name: ' 中央公民館　', postal_code: '９６０８０４１', lat: '３７．７６１１１', loaner_phones: '５', has_wifi: 'yes', access: '駅から\r\n徒歩5分' }))
			.toMatchObject({ name: '中央公民館', postal_code: '960-8041', lat: 37.76111, loaner_phones: 5, has_wifi: true, access: '駅から\n徒歩5分' });
		expect(venueForm.parse({ ...valid, kana: '', postal_code: '', lat: '', lng: '', loaner_phones: '' })).toMatchObject({ kana: null, postal_code: null, lat: null, lng: null, loaner_phones: 0 });
	});

	it('says what is wrong, field by field', () => {
		expect(codes({ name: ' ', address: '' })).toEqual({ name: 'venue_name_required', address: 'address_required' });
		expect(codes({ name: 'x'.repeat(101) })).toEqual({ name: 'venue_name_too_long' });
		expect(codes({ postal_code: '960-80' })).toEqual({ postal_code: 'postal_code_invalid' });
		expect(codes({ lat: '91', lng: 'east' })).toEqual({ lat: 'coordinates_invalid', lng: 'coordinates_invalid' });
		expect(codes({ lat: '-33.9', lng: '18.4' })).toEqual({ lat: 'coordinates_invalid', lng: 'coordinates_invalid' });
		expect(codes({ lng: '' })).toEqual({ lng: 'coordinates_both' });
		expect(codes({ kana: 'Chuo' })).toEqual({ kana: 'venue_kana_invalid' });
		expect(codes({ loaner_phones: '201' })).toEqual({ loaner_phones: 'loaner_phones_invalid' });
		expect(codes({ has_wifi: 'true' })).toEqual({ has_wifi: 'invalid_request' });
	});

	it('refuses markup, control characters and hidden characters in every text', () => {
		for (const name of ['name', 'address', 'access', 'parking', 'barrier_free']) {
			expect(codes({ [name]: '<script>alert(1)</script>' })).toEqual({ [name]: 'markup_not_allowed' });
			expect(codes({ [name]: '見本\u001b[31m' })).toEqual({ [name]: 'invalid_text' });
			expect(codes({ [name]: '見本\u202e館' })).toEqual({ [name]: 'invalid_text' });
		}
		// A plain "<" is text, as in a note about a step.
		expect(codes({ barrier_free: '段差 < 2cm' })).toEqual({});
	});

	it('archives only when told so in so many words', () => {
		expect(archiveForm.parse({ archived: 'yes' })).toEqual({ archived: true });
		expect(archiveForm.parse({ archived: 'no' })).toEqual({ archived: false });
		expect(archiveForm.safeParse({ archived: 'on' }).success).toBe(false);
	});
});
