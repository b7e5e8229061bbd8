import { z } from 'zod';
import { plainText as text } from './form-text.ts';

// The office's venue form, checked as SQL will check it (private.venue_fields), so that a
// mistake is shown beside its field. Codes, not sentences.

export interface Venue {
	id: string;
	municipality_code: string;
	name: string;
	kana: string | null;
	postal_code: string | null;
	address: string;
	lat: number | null;
	lng: number | null;
	access: string;
	parking: string;
	barrier_free: string;
	has_wifi: boolean;
	loaner_phones: number;
	archived_at: string | null;
	/** Sessions still to come there, not cancelled. */
	upcoming_sessions: number;
}

export const venueFieldNames = [
	'name', 'kana', 'postal_code', 'address', 'lat', 'lng', 'access', 'parking', 'barrier_free', 'has_wifi', 'loaner_phones'
] as const;

// 〒 as the post office writes it; typed with or without the hyphen, in either width.
const postalCode = z
	.string()
	.transform((value) => value.normalize('NFKC').replace(/[\s‐−ー-]/g, ''))
	.refine((v) => v === '' || /^[0-9]{7}$/.test(v), 'postal_code_invalid')
	.transform((v) => (v ? `${v.slice(0, 3)}-${v.slice(3)}` : null));

// Degrees as a map shows them; blank for none.
const degrees = (min: number, max: number) =>
	z
		.string()
		.max(20, 'coordinates_invalid')
		.transform((value) => value.normalize('NFKC').trim())
		.refine((v) => v === '' || (/^-?[0-9]{1,3}(\.[0-9]{1,8})?$/.test(v) && Number(v) >= min && Number(v) <= max), 'coordinates_invalid')
		.transform((v) => (v === '' ? null : Math.round(Number(v) * 1e5) / 1e5));

export const venueForm = z
	.object({
		name: text(100, 'venue_name_too_long', { required: 'venue_name_required' }),
		kana: text(200, 'venue_kana_too_long').refine((v) => v === '' || /^[ぁ-ゖァ-ヺー・ 0-9]+$/.test(v), 'venue_kana_invalid'),
		postal_code: postalCode,
		address: text(200, 'address_too_long', { required: 'address_required' }),
		// Japan lies within these; a pin in the sea off Africa is a typing slip.
		lat: degrees(20, 46),
		lng: degrees(122, 154),
		access: text(500, 'text_too_long', { lines: true }),
		parking: text(300, 'text_too_long', { lines: true }),
		barrier_free: text(300, 'text_too_long', { lines: true }),
		has_wifi: z.enum(['', 'yes'], { error: 'invalid_request' }).transform((v) => v === 'yes'),
		loaner_phones: z
			.string()
			.transform((value) => value.normalize('NFKC').trim())
			.refine((v) => /^[0-9]{0,3}$/.test(v) && Number(v) <= 200, 'loaner_phones_invalid')
			.transform((v) => Number(v || 0))
	})
	.refine((v) => (v.lat === null) === (v.lng === null), { message: 'coordinates_both', path: ['lng'] })
	.transform((v) => ({ ...v, kana: v.kana || null }));

export type VenueInput = z.infer<typeof venueForm>;

// Archiving asks for its word in the form: a stray post of the form's other fields cannot do it.
export const archiveForm = z.object({ archived: z.enum(['yes', 'no'], { error: 'invalid_request' }).transform((v) => v === 'yes') });
