import { z } from 'zod';

// The registration form, checked as SQL will check it (register_for_session), so that a
// mistake is shown beside its field. Codes, not sentences.

export const ageBands = ['65_74', '75_84', '85_plus', 'under_65'] as const;
export const deviceChoices = ['iphone', 'android', 'other', 'none'] as const;

const text = (required: string, tooLong: string, max: number) =>
	z
		.string()
		.transform((value) => value.normalize('NFKC').trim())
		.pipe(z.string().min(1, required).max(max, tooLong));

// Zero-width and bidirectional-override characters hide what was typed (as in SQL's check).
const hidden = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const name = text('name_required', 'name_too_long', 60).refine((v) => !/[\p{Cc}]/u.test(v) && !hidden.test(v), 'invalid_name');
// Katakana or hiragana, as typed (half-width kana become full-width under NFKC); or, for
// someone who cannot type kana (the English pages), the Latin alphabet.
const kana = text('kana_required', 'kana_too_long', 60).refine(
	(v) => v === '' || (/^[ぁ-ゖァ-ヺー・ A-Za-z'.-]+$/.test(v) && /[ぁ-ゖァ-ヺA-Za-z]/.test(v)),
	'invalid_kana'
);
const phone = z
	.string()
	.max(30, 'invalid_phone')
	.transform((value) => value.normalize('NFKC').trim())
	.pipe(z.string().min(1, 'phone_required'))
	.refine((v) => /^[0-9 ()ー‐−–—―-]+$/.test(v) && /^0\d{9,10}$/.test(v.replace(/\D/g, '')), 'invalid_phone');

const person = (n: 1 | 2) =>
	({
		[`name${n}`]: name,
		[`kana${n}`]: kana,
		[`age${n}`]: z.enum(ageBands, { error: 'age_band_required' }),
		[`device${n}`]: z.enum(deviceChoices, { error: 'device_required' }),
		[`loaner${n}`]: z.string().transform((v) => v === 'yes')
	}) as const;

const base = z.object({
	...person(1),
	phone,
	note: z
		.string()
		.max(200, 'note_too_long')
		.transform((v) => v.normalize('NFKC').trim())
		.refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v) && !hidden.test(v), 'invalid_note'),
	consent: z.literal('yes', { error: 'consent_required' })
});

export const registrationFieldNames = ['name1', 'kana1', 'age1', 'device1', 'loaner1', 'together', 'name2', 'kana2', 'age2', 'device2', 'loaner2', 'phone', 'note', 'consent'];

export interface PersonInput {
	full_name: string;
	name_kana: string;
	age_band: string;
	device: string;
	needs_loaner: boolean;
}

/** Parses the posted fields; a second person when "together" is ticked or their name is filled in. */
export function parseRegistration(fields: Record<string, string>) {
	const together = fields.together === 'yes' || !!fields.name2?.trim() || !!fields.kana2?.trim();
	const schema = together ? base.extend(person(2)) : base;
	const parsed = schema.safeParse(fields);
	if (!parsed.success) return { error: parsed.error };
	const d = parsed.data as Record<string, string | boolean>;
	const one = (n: 1 | 2): PersonInput => ({
		full_name: d[`name${n}`] as string,
		name_kana: d[`kana${n}`] as string,
		age_band: d[`age${n}`] as string,
		device: d[`device${n}`] as string,
		needs_loaner: d[`loaner${n}`] as boolean
	});
	return { data: { people: together ? [one(1), one(2)] : [one(1)], phone: d.phone as string, note: d.note as string } };
}

/** Confirmation codes as people type them back: any case and width, with spaces or hyphens. */
export const normalizeCode = (text: string) => text.normalize('NFKC').replace(/[^0-9A-Za-z]/g, '').toUpperCase();
export const isCodeShaped = (code: string) => /^[A-Z0-9]{6,12}$/.test(code);

/** ACDE FH34: two groups of four, easier to read aloud and copy. */
export const formatCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code);
