import { z } from 'zod';
import { idField } from './form-text.ts';

// A mark at check-in, as the page sends it (by a form, or from the phone's queue).


export const markFieldNames = ['registration_id', 'attended', 'nonce', 'marked_at'] as const;
export const markForm = z.object({
	registration_id: idField('registration_not_found'),
	attended: z.enum(['yes', 'no'], { error: 'invalid_request' }).transform((v) => v === 'yes'),
	nonce: idField('invalid_request'),
	// The phone's clock when it was marked; SQL keeps it within reason.
	marked_at: z
		.string()
		.transform((v) => v.trim())
		.refine((v) => v === '' || (v.length <= 40 && !Number.isNaN(Date.parse(v))), 'invalid_request')
		.transform((v) => (v === '' ? null : new Date(v).toISOString()))
});
export const walkInNonce = idField('invalid_request');
