import { z } from 'zod';
import { plainText as text } from './form-text.ts';

// The supporter's own profile form, checked as SQL checks it (save_my_supporter_profile), so
// that a mistake shows beside its field. Codes, not sentences.

export const devices = ['iphone', 'android'] as const;
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const halves = ['am', 'pm'] as const;
export const availabilityChoices = weekdays.flatMap((d) => halves.map((h) => `${d}_${h}`));

export const supporterFieldNames = ['display_name', 'kana', 'municipality_code', 'phone', 'note'] as const;
export const supporterLists = ['travel_codes', 'skills', 'availability'] as const;

const code = /^[0-9]{6}$/;

export const supporterForm = z.object({
	display_name: text(60, 'name_too_long', { required: 'name_required' }),
	kana: z
		.string()
		.transform((v) => v.normalize('NFKC').trim())
		.refine((v) => v !== '', 'kana_required')
		.refine((v) => v === '' || (v.length <= 60 && /^[ぁ-ゖァ-ヺー・ A-Za-z'.-]+$/.test(v)), 'invalid_kana'),
	municipality_code: z.string().regex(code, 'municipality_required'),
	phone: z
		.string()
		.transform((v) => v.normalize('NFKC').trim().replace(/[‐−ー–—―]/g, '-'))
		.refine((v) => v === '' || (/^[0-9-]{10,20}$/.test(v) && /^0\d{9,10}$/.test(v.replace(/-/g, ''))), 'invalid_phone'),
	note: text(500, 'text_too_long', { lines: true }),
	travel_codes: z.array(z.string().regex(code, 'invalid_travel')).max(20, 'too_many_towns'),
	skills: z.array(z.string().regex(/^[a-z_]{2,30}$/, 'invalid_skills')).max(20, 'invalid_skills'),
	availability: z.array(z.enum(availabilityChoices as [string, ...string[]], { error: 'invalid_availability' }))
});

export type SupporterInput = z.infer<typeof supporterForm>;
