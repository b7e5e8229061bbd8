import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendCases, type TestDb } from './harness.ts';
import { buildWorld, townA, type World } from './world.ts';

describe.each(backendCases)('digital supporters on $name', ({ available, open }) => {
	let db: TestDb;
	let w: World;
	beforeAll(async () => {
		if (!available) return;
		db = await open();
		w = await buildWorld(db);
	});
	afterAll(() => db?.close());

	it.skipIf(!available)('see their own profile and training, not another supporter’s', async () => {
		const profiles = await db.select(w.users.supporterA, 'supporters');
		expect(profiles.map((p) => p.id)).toEqual([w.supporters.supporterProfileA.id]);
		expect(await db.select(w.users.supporterA, 'supporter_trainings')).toHaveLength(1);
		expect(await db.select(w.users.supporterB, 'supporter_trainings')).toEqual([]);
	});

	it.skipIf(!available)('see the registrations of a session they are assigned to, but never names or phones', async () => {
		const registrations = await db.select(w.users.supporterA, 'registrations');
		expect(registrations.map((r) => r.id)).toEqual([w.registrations.registrationA.id]);
		expect(await db.select(w.users.supporterA, 'participants')).toEqual([]);
		expect(await db.select(w.users.supporterB, 'registrations')).toEqual([]);
	});

	it.skipIf(!available)('cannot certify their own training', async () => {
		const [training] = await db.select(w.users.supporterA, 'supporter_trainings');
		const changed = await db.update(w.users.supporterA, 'supporter_trainings', { id: training!.id }, {
			certified_at: new Date().toISOString(), certified_by: w.users.supporterA.id
		}).catch(() => 0);
		expect(changed).toBe(0);
		expect(await db.update(w.users.admin, 'supporter_trainings', { id: training!.id }, {
			certified_at: new Date().toISOString(), certified_by: w.users.admin.id
		})).toBe(1);
	});

	it.skipIf(!available)('may offer help, but not assign themselves', async () => {
		const offer = { session_id: w.sessions.publishedA.id, municipality_code: townA, supporter_id: w.supporters.supporterProfileB.id };
		expect(await db.insert(w.users.supporterB, 'session_staffing', { ...offer, status: 'assigned' })).not.toBeNull();
		expect(await db.insert(w.users.supporterB, 'session_staffing', { ...offer, status: 'offered' })).toBeNull();
		expect(await db.update(w.users.supporterB, 'session_staffing', { session_id: offer.session_id, supporter_id: offer.supporter_id }, { status: 'assigned' }).catch(() => 0)).toBe(0);
		expect(await db.update(w.users.staffA, 'session_staffing', { session_id: offer.session_id, supporter_id: offer.supporter_id }, { status: 'assigned' })).toBe(1);
	});

	it.skipIf(!available)('cannot create a profile for someone else', async () => {
		expect(await db.insert(w.users.supporterB, 'supporters', { user_id: w.users.member.id, municipality_code: townA, display_name: 'なりすまし' })).not.toBeNull();
		expect(await db.insert(w.users.member, 'supporters', { user_id: w.users.member.id, municipality_code: townA, display_name: '新しいサポーター' })).toBeNull();
	});
});
