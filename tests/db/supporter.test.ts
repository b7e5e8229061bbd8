import { describe, expect, it } from 'vitest';
import { backendCases } from './harness.ts';
import { townA, worldOn } from './world.ts';

describe.each(backendCases)('digital supporters on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);

	it.skipIf(!available)('see their own profile and training, not another supporter’s', async () => {
		const profiles = await t.db.select(t.w.users.supporterA, 'supporters');
		expect(profiles.map((p) => p.id)).toEqual([t.w.supporters.supporterProfileA.id]);
		expect(await t.db.select(t.w.users.supporterA, 'supporter_trainings')).toHaveLength(1);
		expect(await t.db.select(t.w.users.supporterB, 'supporter_trainings')).toEqual([]);
	});

	it.skipIf(!available)('see the registrations of a session they are assigned to, but never names or phones', async () => {
		const registrations = await t.db.select(t.w.users.supporterA, 'registrations');
		expect(registrations.map((r) => r.id)).toEqual([t.w.registrations.registrationA.id]);
		expect(await t.db.select(t.w.users.supporterA, 'participants')).toEqual([]);
		expect(await t.db.select(t.w.users.supporterB, 'registrations')).toEqual([]);
	});

	it.skipIf(!available)('cannot certify their own training', async () => {
		const [training] = await t.db.select(t.w.users.supporterA, 'supporter_trainings');
		const changed = await t.db.update(t.w.users.supporterA, 'supporter_trainings', { id: training!.id }, {
			certified_at: new Date().toISOString(), certified_by: t.w.users.supporterA.id
		}).catch(() => 0);
		expect(changed).toBe(0);
		expect(await t.db.update(t.w.users.admin, 'supporter_trainings', { id: training!.id }, {
			certified_at: new Date().toISOString(), certified_by: t.w.users.admin.id
		})).toBe(1);
	});

	it.skipIf(!available)('may offer help, but not assign themselves', async () => {
		const offer = { session_id: t.w.sessions.publishedA.id, municipality_code: townA, supporter_id: t.w.supporters.supporterProfileB.id };
		expect(await t.db.insert(t.w.users.supporterB, 'session_staffing', { ...offer, status: 'assigned' })).not.toBeNull();
		expect(await t.db.insert(t.w.users.supporterB, 'session_staffing', { ...offer, status: 'offered' })).toBeNull();
		expect(await t.db.update(t.w.users.supporterB, 'session_staffing', { session_id: offer.session_id, supporter_id: offer.supporter_id }, { status: 'assigned' }).catch(() => 0)).toBe(0);
		expect(await t.db.update(t.w.users.staffA, 'session_staffing', { session_id: offer.session_id, supporter_id: offer.supporter_id }, { status: 'assigned' })).toBe(1);
	});

	it.skipIf(!available)('cannot create a profile for someone else', async () => {
		expect(await t.db.insert(t.w.users.supporterB, 'supporters', { user_id: t.w.users.member.id, municipality_code: townA, display_name: 'なりすまし' })).not.toBeNull();
		expect(await t.db.insert(t.w.users.member, 'supporters', { user_id: t.w.users.member.id, municipality_code: townA, display_name: '新しいサポーター' })).toBeNull();
	});
});
