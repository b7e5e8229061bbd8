import { z } from 'zod';
import { idField } from './form-text.ts';

// Staff moving a party to another session: which one, and whether the end of its waiting
// list will do when it is full. Codes, not sentences.


export const moveFieldNames = ['registration_id', 'to', 'waitlist_ok'] as const;

export const moveForm = z.object({
	registration_id: idField('registration_not_found'),
	to: idField('move_target_required'),
	waitlist_ok: z.string().transform((v) => v === 'yes')
});
