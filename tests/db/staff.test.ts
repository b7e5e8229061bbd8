import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backendCases } from './harness.ts';
import { townA, townB, worldOn } from './world.ts';

describe.each(backendCases)('municipal staff on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);

	it.skipIf(!available)('read their own town’s registrations and seniors, and no other town’s', async () => {
		const registrations = await t.db.select(t.w.users.staffA, 'registrations');
		expect(registrations.map((r) => r.id)).toEqual([t.w.registrations.registrationA.id]);
		const participants = await t.db.select(t.w.users.staffA, 'participants');
		expect(participants.map((p) => p.full_name)).toEqual([t.w.seniors.seniorA.full_name]);
		expect(await t.db.select(t.w.users.staffB, 'registrations', { id: t.w.registrations.registrationA.id })).toEqual([]);
	});

	it.skipIf(!available)('see their own drafts but not another town’s', async () => {
		const ids = (await t.db.select(t.w.users.staffA, 'sessions', {}, ['id'])).map((s) => s.id);
		expect(ids).toContain(t.w.sessions.draftA.id);
		expect(ids).not.toContain(t.w.sessions.draftB.id);
	});

	it.skipIf(!available)('cannot change or add to another town’s registrations', async () => {
		// Seats change only through the registration functions; a direct write is refused outright.
		expect(await t.db.update(t.w.users.staffA, 'registrations', { id: t.w.registrations.registrationB.id }, { status: 'cancelled', cancelled_at: new Date().toISOString() }).catch(() => 0)).toBe(0);
		expect(await t.db.update(t.w.users.staffA, 'participants', { id: t.w.seniors.seniorB.id }, { full_name: '書き換え' })).toBe(0);
		const intrusion = await t.db.insert(t.w.users.staffA, 'registrations', {
			session_id: t.w.sessions.publishedB.id, municipality_code: townB, participant_id: t.w.seniors.seniorB.id,
			status: 'confirmed', device: 'iphone', channel: 'phone', confirmation_code: 'XTOWN001', consented_at: new Date().toISOString()
		});
		expect(intrusion).toMatch(/row-level security|violates|permission denied/);
		const [untouched] = await t.db.select(t.w.users.staffB, 'registrations', { id: t.w.registrations.registrationB.id });
		expect(untouched?.status).toBe('confirmed');
	});

	it.skipIf(!available)('can change their own town’s data', async () => {
		expect(await t.db.update(t.w.users.staffA, 'registrations', { id: t.w.registrations.registrationA.id }, { staff_note: '電話で受付' })).toBe(1);
		expect(await t.db.update(t.w.users.staffA, 'sessions', { id: t.w.sessions.draftA.id }, { title: '下書き(修正)' })).toBe(1);
	});

	it.skipIf(!available)('cannot move a session into another town', async () => {
		const moved = t.db.update(t.w.users.staffA, 'sessions', { id: t.w.sessions.publishedA.id }, { municipality_code: townB });
		await expect(moved).rejects.toThrow(/row-level security|violates/);
		const [session] = await t.db.select(t.w.users.staffA, 'sessions', { id: t.w.sessions.publishedA.id }, ['municipality_code']);
		expect(session?.municipality_code).toBe(townA);
	});

	it.skipIf(!available)('are all-seeing only as prefecture admin', async () => {
		const ids = (await t.db.select(t.w.users.admin, 'registrations')).map((r) => r.id).sort();
		expect(ids).toEqual([t.w.registrations.registrationA.id, t.w.registrations.registrationB.id].sort());
		expect(await t.db.select(t.w.users.member, 'registrations')).toEqual([]);
		expect(await t.db.select(t.w.users.member, 'participants')).toEqual([]);
		expect(await t.db.insert(t.w.users.member, 'sessions', {
			id: randomUUID(), municipality_code: townA, venue_id: t.w.venues.venueA.id, topic_id: 'basics', title: '不正',
			starts_at: new Date().toISOString(), ends_at: new Date(Date.now() + 3_600_000).toISOString(), capacity: 5
		})).not.toBeNull();
	});
});
