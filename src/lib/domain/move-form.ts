import { z } from 'zod';

// Staff moving a party to another session: which one, and whether the end of its waiting
// list will do when it is full. Codes, not sentences.

const uuid = (code: string) => z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, code).transform((v) => v.toLowerCase());

export const moveFieldNames = ['registration_id', 'to', 'waitlist_ok'] as const;

export const moveForm = z.object({
	registration_id: uuid('registration_not_found'),
	to: uuid('move_target_required'),
	waitlist_ok: z.string().transform((v) => v === 'yes')
});
