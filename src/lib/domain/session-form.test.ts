import { describe, expect, it } from 'vitest';
import { cancelForm, sessionForm } from './session-form.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const valid = {
	format: 'class', title: 'はじめてのLINE', topic_id: 'line', venue_id: '0b8e9c3e-2f7a-4d1a-9a53-3f1c2d4e5f60', date: inDays(20),
	start_time: '13:30', end_time: '15:00', capacity: '8', slot_minutes: '', desks: '', supporters_needed: '2', device_focus: 'any',
	what_to_bring: 'スマートフォン', fee_yen: '', contact_phone: '024-535-1111', description: '', supporter_notes: '', closes_days_before: ''
};
const codes = (fields: Record<string, string>) => {
	const parsed = sessionForm.safeParse({ ...valid, ...fields });
	return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the session form', () => {
	it('takes a class as typed, in either width', () => {
		expect(sessionForm.parse({ ...valid, date: inDays(20).replaceAll('-', '/'), start_time: '9:30', end_time: '１１:００', capacity: '１０', fee_yen: '' }))
			.toMatchObject({ format: 'class', date: inDays(20), start_time: '09:30', end_time: '11:00', capacity: 10, fee_yen: 0, closes_days_before: null, supporters_needed: 2 });
		expect(sessionForm.parse({ ...valid, format: 'consultation', capacity: '', slot_minutes: '30', desks: '3', closes_days_before: '1' }))
			.toMatchObject({ format: 'consultation', slot_minutes: 30, desks: 3, closes_days_before: 1 });
		expect('capacity' in sessionForm.parse({ ...valid, format: 'consultation', slot_minutes: '30', desks: '3' })).toBe(false);
	});

	it('says what is wrong beside each field, all at once', () => {
		expect(codes({ title: '', capacity: '0', date: '1900-01-01', start_time: '25:00', contact_phone: 'abc' })).toEqual({
			title: 'title_required', capacity: 'capacity_out_of_range', date: 'session_date_out_of_range', start_time: 'start_time_invalid', contact_phone: 'contact_phone_invalid'
		});
		expect(codes({ capacity: '10000' })).toEqual({ capacity: 'capacity_out_of_range' });
		expect(codes({ end_time: '13:00' })).toEqual({ end_time: 'session_ends_before_start' });
		expect(codes({ title: 'あ'.repeat(5000) })).toEqual({ title: 'title_too_long' });
		expect(codes({ date: '2027-02-30' })).toEqual({ date: 'date_invalid' });
		expect(codes({ date: '' })).toEqual({ date: 'date_required' });
		expect(codes({ capacity: '' })).toEqual({ capacity: 'capacity_out_of_range' });
		expect(codes({ format: 'consultation', slot_minutes: '5', desks: '' })).toEqual({ slot_minutes: 'slot_minutes_invalid', desks: 'desks_invalid' });
		expect(codes({ format: 'consultation', slot_minutes: '30', desks: '' })).toEqual({ desks: 'desks_invalid' });
		expect(codes({ venue_id: '' })).toEqual({ venue_id: 'venue_required' });
		expect(codes({ format: 'lecture', device_focus: 'blackberry' })).toEqual({ format: 'invalid_request', device_focus: 'invalid_request' });
	});

	it('refuses tags in every text field, and hidden characters', () => {
		for (const name of ['title', 'what_to_bring', 'description', 'supporter_notes']) {
			expect(codes({ [name]: '<script>alert(1)</script>' })).toEqual({ [name]: 'markup_not_allowed' });
		}
		expect(codes({ title: 'LINE\u202e教室' })).toEqual({ title: 'invalid_text' });
		expect(cancelForm.safeParse({ reason: '  ' }).success).toBe(false);
		expect(cancelForm.parse({ reason: '講師の都合により中止します。' })).toEqual({ reason: '講師の都合により中止します。' });
	});
});
