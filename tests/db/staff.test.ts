import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendCases, type TestDb } from './harness.ts';
import { buildWorld, townA, townB, type World } from './world.ts';

describe.each(backendCases)('municipal staff on $name', ({ available, open }) => {
	let db: TestDb;
	let w: World;
	beforeAll(async () => {
		if (!available) return;
		db = await open();
		w = await buildWorld(db);
	});
	afterAll(() => db?.close());

	it.skipIf(!available)('read their own town’s registrations and seniors, and no other town’s', async () => {
		const registrations = await db.select(w.users.staffA, 'registrations');
		expect(registrations.map((r) => r.id)).toEqual([w.registrations.registrationA.id]);
		const participants = await db.select(w.users.staffA, 'participants');
		expect(participants.map((p) => p.full_name)).toEqual([w.seniors.seniorA.full_name]);
		expect(await db.select(w.users.staffB, 'registrations', { id: w.registrations.registrationA.id })).toEqual([]);
	});

	it.skipIf(!available)('see their own drafts but not another town’s', async () => {
		const ids = (await db.select(w.users.staffA, 'sessions')).map((s) => s.id);
		expect(ids).toContain(w.sessions.draftA.id);
		expect(ids).not.toContain(w.sessions.draftB.id);
	});

	it.skipIf(!available)('cannot change or add to another town’s registrations', async () => {
		expect(await db.update(w.users.staffA, 'registrations', { id: w.registrations.registrationB.id }, { status: 'cancelled', cancelled_at: new Date().toISOString() })).toBe(0);
		expect(await db.update(w.users.staffA, 'participants', { id: w.seniors.seniorB.id }, { full_name: '書き換え' })).toBe(0);
		const intrusion = await db.insert(w.users.staffA, 'registrations', {
			session_id: w.sessions.publishedB.id, municipality_code: townB, participant_id: w.seniors.seniorB.id,
			status: 'confirmed', device: 'iphone', channel: 'phone', confirmation_code: 'XTOWN001', consented_at: new Date().toISOString()
		});
		expect(intrusion).toMatch(/row-level security|violates/);
		const [untouched] = await db.select(w.users.staffB, 'registrations', { id: w.registrations.registrationB.id });
		expect(untouched?.status).toBe('confirmed');
	});

	it.skipIf(!available)('can change their own town’s data', async () => {
		expect(await db.update(w.users.staffA, 'registrations', { id: w.registrations.registrationA.id }, { staff_note: '電話で受付' })).toBe(1);
		expect(await db.update(w.users.staffA, 'sessions', { id: w.sessions.draftA.id }, { title: '下書き(修正)' })).toBe(1);
	});

	it.skipIf(!available)('cannot move a session into another town', async () => {
		const moved = db.update(w.users.staffA, 'sessions', { id: w.sessions.publishedA.id }, { municipality_code: townB });
		await expect(moved).rejects.toThrow(/row-level security|violates/);
		const [session] = await db.select(w.users.staffA, 'sessions', { id: w.sessions.publishedA.id });
		expect(session?.municipality_code).toBe(townA);
	});

	it.skipIf(!available)('are all-seeing only as prefecture admin', async () => {
		const ids = (await db.select(w.users.admin, 'registrations')).map((r) => r.id).sort();
		expect(ids).toEqual([w.registrations.registrationA.id, w.registrations.registrationB.id].sort());
		expect(await db.select(w.users.member, 'registrations')).toEqual([]);
		expect(await db.select(w.users.member, 'participants')).toEqual([]);
		expect(await db.insert(w.users.member, 'sessions', {
			id: randomUUID(), municipality_code: townA, venue_id: w.venues.venueA.id, topic_id: 'basics', title: '不正',
			starts_at: new Date().toISOString(), ends_at: new Date(Date.now() + 3_600_000).toISOString(), capacity: 5
		})).not.toBeNull();
	});
});
