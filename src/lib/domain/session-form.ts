import { z } from 'zod';
import { plainText as text } from './form-text.ts';
import { calendarDate, maxSeriesLength } from './series-dates.ts';

// The office's session form, checked as SQL will check it (private.session_fields), so that
// a mistake is shown beside its field. Codes, not sentences. Dates and times are Japan's, as
// typed: 2027-01-08 and 13:30.

export const sessionFormats = ['class', 'consultation', 'outreach'] as const;
export const deviceFocuses = ['any', 'iphone', 'android'] as const;

export const sessionFieldNames = [
	'format', 'title', 'topic_id', 'venue_id', 'date', 'start_time', 'end_time', 'capacity', 'slot_minutes', 'desks',
	'supporters_needed', 'device_focus', 'what_to_bring', 'fee_yen', 'contact_phone', 'description', 'supporter_notes',
	'closes_days_before'
] as const;

/** A whole number typed in either width, within limits; blank as `blank` (or refused when that is undefined). */
const count = <B extends number | null>(min: number, max: number, code: string, blank?: B) =>
	z
		.string()
		.transform((value) => value.normalize('NFKC').replace(/[,\s]/g, ''))
		.refine((v) => (v === '' ? blank !== undefined : /^[0-9]{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max), code)
		.transform((v) => (v === '' ? (blank as B) : Number(v)));

const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = (code: string) =>
	z
		.string()
		.transform((value) => value.normalize('NFKC').trim().replace(/^(\d):/, '0$1:'))
		.refine((v) => clock.test(v), code);

// A class is planned within two years, and may be entered up to a year after it was held
// (as in SQL, which decides it against its own clock).
const date = z
	.string()
	.transform((value) => value.normalize('NFKC').trim().replaceAll('/', '-'))
	.refine((v) => v !== '', 'date_required')
	.refine((v) => v === '' || calendarDate(v) !== null, 'date_invalid')
	.refine((v) => {
		const at = calendarDate(v)?.getTime();
		return at === undefined || (at > Date.now() - 366 * 86_400_000 && at < Date.now() + 2 * 365 * 86_400_000);
	}, 'session_date_out_of_range');

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'venue_required').transform((v) => v.toLowerCase());

export const sessionForm = z
	.object({
		format: z.enum(sessionFormats, { error: 'invalid_request' }),
		title: text(200, 'title_too_long', { required: 'title_required' }),
		topic_id: z.string().regex(/^[a-z_]{2,30}$/, 'topic_required'),
		venue_id: uuid,
		date,
		start_time: time('start_time_invalid'),
		end_time: time('end_time_invalid'),
		capacity: count(1, 200, 'capacity_out_of_range', null),
		slot_minutes: count(10, 120, 'slot_minutes_invalid', null),
		desks: count(1, 10, 'desks_invalid', null),
		supporters_needed: count(0, 20, 'supporters_needed_invalid', 0),
		device_focus: z.enum(deviceFocuses, { error: 'invalid_request' }),
		what_to_bring: text(500, 'text_too_long', { lines: true }),
		fee_yen: count(0, 100_000, 'fee_invalid', 0),
		contact_phone: z
			.string()
			.transform((value) => value.normalize('NFKC').trim().replace(/[‐−ー–—―]/g, '-'))
			.refine((v) => v === '' || (/^[0-9-]{10,20}$/.test(v) && /^0\d{9,10}$/.test(v.replace(/-/g, ''))), 'contact_phone_invalid'),
		description: text(4000, 'text_too_long', { lines: true }),
		supporter_notes: text(1000, 'text_too_long', { lines: true }),
		closes_days_before: count(0, 30, 'closes_invalid', -1)
	})
	.superRefine((v, ctx) => {
		const times = [v.start_time, v.end_time].every((t) => clock.test(t));
		if (times && v.end_time <= v.start_time) ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'session_ends_before_start' });
		// A class has seats; a consultation has slots of a length at a number of desks.
		if (v.format === 'consultation') {
			if (v.slot_minutes === null) ctx.addIssue({ code: 'custom', path: ['slot_minutes'], message: 'slot_minutes_invalid' });
			if (v.desks === null) ctx.addIssue({ code: 'custom', path: ['desks'], message: 'desks_invalid' });
		} else if (v.capacity === null) {
			ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'capacity_out_of_range' });
		}
	})
	.transform(({ capacity, slot_minutes, desks, closes_days_before, ...v }) => ({
		...v,
		...(v.format === 'consultation' ? { slot_minutes: slot_minutes!, desks: desks! } : { capacity: capacity! }),
		closes_days_before: closes_days_before! < 0 ? null : closes_days_before
	}));

export type SessionInput = z.infer<typeof sessionForm>;

export const cancelForm = z.object({ reason: text(500, 'text_too_long', { required: 'cancel_reason_required', lines: true }) });

/** A series: the first date, how often, how many; then the dates staff kept. */
export const seriesPlanForm = z.object({
	cadence: z.enum(['weekly', 'biweekly'], { error: 'invalid_request' }),
	count: count(2, maxSeriesLength, 'series_count_invalid').transform((v) => v as number)
});

// SQL's refusals that belong to one field of the form, to be shown beside it.
const sqlFields: Record<string, string> = {
	session_ends_before_start: 'end_time', session_date_out_of_range: 'date', published_date_in_past: 'date',
	capacity_out_of_range: 'capacity', capacity_below_confirmed: 'capacity', venue_not_usable: 'venue_id',
	slot_longer_than_session: 'slot_minutes'
};
/** The field a refusal from SQL is about, or the form as a whole. */
export const fieldOfSqlCode = (code: string) => sqlFields[code] ?? 'form';
