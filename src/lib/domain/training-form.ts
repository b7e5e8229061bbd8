import { z } from 'zod';
import { idField, plainText } from './form-text.ts';

// Recording a completed course: one supporter, or a course's list. Codes, not sentences.

const course = z.string().regex(/^[a-z][a-z0-9_]{1,29}$/, 'course_required');
const completedOn = z
	.string()
	.transform((v) => v.normalize('NFKC').trim().replaceAll('/', '-'))
	.refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'completed_on_invalid');

export const trainingFieldNames = ['supporter_id', 'course', 'completed_on'] as const;
export const trainingForm = z.object({ supporter_id: idField('supporter_required'), course, completed_on: completedOn });

export const importFieldNames = ['course', 'completed_on', 'list', 'all_or_nothing'] as const;
export const importForm = z.object({
	course,
	completed_on: completedOn,
	list: z.string().max(200_000, 'too_large'),
	all_or_nothing: z.string().transform((v) => v === 'yes')
});

export const activeFieldNames = ['supporter_id', 'active'] as const;
export const activeForm = z.object({ supporter_id: idField('supporter_not_found'), active: z.enum(['yes', 'no'], { error: 'invalid_request' }).transform((v) => v === 'yes') });

export const courseFieldNames = ['prefecture_code', 'name_ja', 'name_en'] as const;
export const courseForm = z.object({
	prefecture_code: z.string().regex(/^[0-9]{2}$/, 'not_allowed'),
	name_ja: plainText(60, 'course_name_invalid', { required: 'course_name_invalid' }),
	name_en: plainText(60, 'course_name_invalid')
});
