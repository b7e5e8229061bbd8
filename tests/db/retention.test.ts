import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anon, serviceRole } from '../../src/lib/server/db/port.ts';
import { eraseExpiredPersonalData } from '../../src/lib/server/retention.ts';
import { codeOf } from './error-code.ts';
import { backendCases } from './harness.ts';
import { townA, worldOn } from './world.ts';

describe.each(backendCases)('retention on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);

	it.skipIf(!available)('erases names and phones of seniors whose classes all ended in a fiscal year closed a year ago; counts remain', async () => {
		const service = t.db.backend.as(serviceRole);
		const year = (y: number, month: number) => new Date(Date.UTC(y, month - 1, 10, 1)).toISOString();
		const fy = new Date().getUTCMonth() >= 3 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
		const old = { id: randomUUID(), municipality_code: townA, venue_id: t.w.venues.venueA.id, topic_id: 'basics', title: '昔の教室', status: 'published', capacity: 5,
			starts_at: year(fy - 2, 10), ends_at: year(fy - 2, 10).replace('T01', 'T02') };
		const lastYear = { ...old, id: randomUUID(), title: '去年度の教室', starts_at: year(fy - 1, 10), ends_at: year(fy - 1, 10).replace('T01', 'T02') };
		const person = (name: string, phone: string) => ({ id: randomUUID(), municipality_code: townA, full_name: name, name_kana: 'むかし', phone, age_band: '75_84', created_at: year(fy - 2, 9) });
		const gone = person('昔 太郎', '090-0000-7001');
		const kept = person('今 花子', '090-0000-7002');
		const registration = (s: { id: string }, p: { id: string }, code: string) => ({
			id: randomUUID(), session_id: s.id, municipality_code: townA, participant_id: p.id, status: 'confirmed', device: 'none',
			channel: 'phone', confirmation_code: code, consented_at: old.starts_at, staff_note: '耳が遠い'
		});
		const oldRegistration = registration(old, gone, `RET${randomUUID().slice(0, 5).toUpperCase().replace(/-/g, 'A')}`);
		await service.rpc('import_dataset', {
			p_data: {
				sessions: [old, lastYear],
				participants: [gone, kept],
				registrations: [oldRegistration, registration(old, kept, `RET${randomUUID().slice(0, 5).toUpperCase().replace(/-/g, 'A')}`), registration(lastYear, kept, `RET${randomUUID().slice(0, 5).toUpperCase().replace(/-/g, 'A')}`)],
				attendance: [{ id: randomUUID(), session_id: old.id, municipality_code: townA, participant_id: gone.id, registration_id: oldRegistration.id, attended: true, nonce: randomUUID() }]
			}
		});

		const erased = await eraseExpiredPersonalData(t.db.backend, 1);
		expect(erased.participants).toBe(1);
		const [after] = await t.db.select(serviceRole, 'participants', { id: gone.id });
		expect(after).toMatchObject({ full_name: null, name_kana: null, phone: null, age_band: '75_84' });
		expect(after!.erased_at).not.toBeNull();
		const [still] = await t.db.select(serviceRole, 'participants', { id: kept.id });
		expect(still).toMatchObject({ full_name: '今 花子', phone: '090-0000-7002' });
		expect((await t.db.select(serviceRole, 'registrations', { id: oldRegistration.id }))[0]).toMatchObject({ staff_note: '', status: 'confirmed' });
		expect(await t.db.select(serviceRole, 'attendance', { participant_id: gone.id })).toHaveLength(1);
		// The seniors of this year's world are untouched, and a second run finds nothing more.
		expect((await t.db.select(serviceRole, 'participants', { id: t.w.seniors.seniorA.id }))[0]).toMatchObject({ full_name: t.w.seniors.seniorA.full_name });
		expect((await eraseExpiredPersonalData(t.db.backend, 1)).participants).toBe(0);
	});

	it.skipIf(!available)('is for the server only, and refuses a retention outside 1 to 10 years', async () => {
		expect(await codeOf(t.db.backend.as(anon).rpc('erase_expired_personal_data', { p_years: 1 }))).toBe('not_allowed');
		expect(await codeOf(t.db.backend.as(t.w.users.admin).rpc('erase_expired_personal_data', { p_years: 1 }))).toBe('not_allowed');
		expect(await codeOf(eraseExpiredPersonalData(t.db.backend, 0))).toBe('invalid_retention');
	});
});
