import { describe, expect, it } from 'vitest';
import { anon, type Caller } from '../../src/lib/server/db/port.ts';
import { codeOf } from './error-code.ts';
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

	it.skipIf(!available)('read no registration row; for a session they are assigned to, only what check-in needs', async () => {
		expect(await t.db.select(t.w.users.supporterA, 'registrations')).toEqual([]);
		expect(await t.db.select(t.w.users.supporterA, 'participants')).toEqual([]);
		const roster = await t.db.backend.as(t.w.users.supporterA).rpc<Record<string, unknown>[]>('check_in_roster', { p_session_id: t.w.sessions.publishedA.id });
		expect(roster).toEqual([{
			registration_id: t.w.registrations.registrationA.id, status: 'confirmed', full_name: t.w.seniors.seniorA.full_name,
			name_kana: t.w.seniors.seniorA.name_kana, device: 'android', needs_loaner: false, attended: null
		}]);
		const text = JSON.stringify(roster);
		expect(text).not.toContain(t.w.registrations.registrationA.confirmation_code);
		expect(text).not.toContain(t.w.seniors.seniorA.phone);
	});

	it.skipIf(!available)('get no roster for a session they are not assigned to', async () => {
		const roster = (caller: Caller, session: { id: string }) => codeOf(t.db.backend.as(caller).rpc('check_in_roster', { p_session_id: session.id }));
		expect(await roster(t.w.users.supporterB, t.w.sessions.publishedA)).toBe('not_allowed');
		expect(await roster(t.w.users.supporterA, t.w.sessions.publishedB)).toBe('not_allowed');
		expect(await roster(t.w.users.member, t.w.sessions.publishedA)).toBe('not_allowed');
		expect(await roster(anon, t.w.sessions.publishedA)).toBe('not_allowed');
		expect(await roster(t.w.users.staffB, t.w.sessions.publishedA)).toBe('not_allowed');
		expect(await roster(t.w.users.staffA, t.w.sessions.publishedA)).toBe('ok');
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
