import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anon, serviceRole, type Caller } from '../../src/lib/server/db/port.ts';
import { codeOf } from './error-code.ts';
import { backendCases } from './harness.ts';
import { townA, townB, worldOn } from './world.ts';

describe.each(backendCases)('digital supporters on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	/** An update as the caller: rows changed, or 0 when refused outright. */
	const updated = (caller: Caller, table: string, match: Record<string, unknown>, patch: Record<string, unknown>) =>
		t.db.update(caller, table, match, patch).catch(() => 0);

	it.skipIf(!available)('see their own profile and training, not another supporter’s', async () => {
		const profiles = await t.db.select(t.w.users.supporterA, 'supporters');
		expect(profiles.map((p) => p.id)).toEqual([t.w.supporters.supporterProfileA.id]);
		expect(await t.db.select(t.w.users.supporterA, 'supporter_trainings')).toHaveLength(1);
		const theirs = await t.db.select(t.w.users.supporterB, 'supporter_trainings');
		expect(theirs.map((r) => r.supporter_id)).toEqual([t.w.supporters.supporterProfileB.id]);
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

	it.skipIf(!available)('apply on their own: a new profile waits for the town’s staff to make it active', async () => {
		const applicant = await t.db.newUser('applicant');
		const profile = { user_id: applicant.id, municipality_code: townA, display_name: '新しいサポーター' };
		expect(await t.db.insert(t.w.users.supporterB, 'supporters', { ...profile, display_name: 'なりすまし' })).not.toBeNull();
		expect(await t.db.insert(applicant, 'supporters', { ...profile, active: true })).not.toBeNull();
		expect(await t.db.insert(applicant, 'supporters', profile)).toBeNull();
		const [created] = await t.db.select(applicant, 'supporters');
		expect(created).toMatchObject({ municipality_code: townA, active: false });

		const mine = { id: created!.id };
		expect(await updated(applicant, 'supporters', mine, { active: true })).toBe(0);
		expect(await updated(applicant, 'supporters', mine, { municipality_code: townB })).toBe(0);
		expect(await updated(applicant, 'supporters', mine, { display_name: '新しいサポーター(修正)', phone: '090-0000-9200' })).toBe(1);
		expect(await updated(t.w.users.staffB, 'supporters', mine, { active: true })).toBe(0);
		expect(await updated(t.w.users.staffA, 'supporters', mine, { active: true })).toBe(1);
		expect(await updated(applicant, 'supporters', mine, { active: false })).toBe(1);
	});

	it.skipIf(!available)('offer help only when active and certified, and only at a published class still to come', async () => {
		const offer = (caller: Caller, supporter: { id: string }, session: { id: string; municipality_code: string }) =>
			t.db.insert(caller, 'session_staffing', { session_id: session.id, municipality_code: session.municipality_code, supporter_id: supporter.id, status: 'offered' });
		const { supporterA, supporterB } = t.w.users;
		const { supporterProfileA, supporterProfileB } = t.w.supporters;
		expect(await offer(supporterA, supporterProfileA, t.w.sessions.draftB)).not.toBeNull();
		expect(await offer(supporterB, supporterProfileB, t.w.sessions.publishedA)).not.toBeNull(); // not certified
		const past = { id: randomUUID(), municipality_code: townB, venue_id: t.w.venues.venueB.id, topic_id: 'basics', title: '済んだ教室', status: 'published', capacity: 5,
			starts_at: new Date(Date.now() - 86_400_000).toISOString(), ends_at: new Date(Date.now() - 82_800_000).toISOString() };
		await t.db.backend.as(serviceRole).rpc('import_dataset', { p_data: { sessions: [past] } });
		expect(await offer(supporterA, supporterProfileA, past)).not.toBeNull();
		expect(await offer(supporterA, supporterProfileA, t.w.sessions.publishedB)).toBeNull();
	});

	it.skipIf(!available)('change only the status of their own offer: withdraw it, or offer again', async () => {
		const { supporterA } = t.w.users;
		const mine = { session_id: t.w.sessions.publishedB.id, supporter_id: t.w.supporters.supporterProfileA.id };
		expect(await updated(supporterA, 'session_staffing', mine, { status: 'assigned' })).toBe(0);
		expect(await updated(supporterA, 'session_staffing', mine, { minutes_helped: 600 })).toBe(0);
		expect(await updated(supporterA, 'session_staffing', mine, { session_id: t.w.sessions.draftB.id, municipality_code: townB })).toBe(0);
		expect(await updated(supporterA, 'session_staffing', mine, { status: 'withdrawn' })).toBe(1);
		expect(await updated(supporterA, 'session_staffing', mine, { status: 'offered' })).toBe(1);
		expect(await updated(t.w.users.staffA, 'session_staffing', mine, { status: 'assigned' })).toBe(0);
		expect(await updated(t.w.users.staffB, 'session_staffing', mine, { status: 'assigned', minutes_helped: 90 })).toBe(1);
		const assigned = { session_id: t.w.sessions.publishedA.id, supporter_id: t.w.supporters.supporterProfileA.id };
		expect(await updated(supporterA, 'session_staffing', assigned, { minutes_helped: 1440 })).toBe(0);
	});

	it.skipIf(!available)('offer without minutes helped: staff record those', async () => {
		const another = { id: randomUUID(), municipality_code: townB, venue_id: t.w.venues.venueB.id, topic_id: 'line', title: 'LINE教室', status: 'published', capacity: 6,
			starts_at: new Date(Date.now() + 20 * 86_400_000).toISOString(), ends_at: new Date(Date.now() + 20 * 86_400_000 + 5_400_000).toISOString() };
		await t.db.backend.as(serviceRole).rpc('import_dataset', { p_data: { sessions: [another] } });
		const offer = { session_id: another.id, municipality_code: townB, supporter_id: t.w.supporters.supporterProfileA.id, status: 'offered' };
		expect(await t.db.insert(t.w.users.supporterA, 'session_staffing', { ...offer, minutes_helped: 1440 })).not.toBeNull();
		expect(await t.db.insert(t.w.users.supporterA, 'session_staffing', offer)).toBeNull();
	});

	it.skipIf(!available)('are assigned by staff only when active and certified, and never offered on their behalf', async () => {
		const row = (supporter: { id: string }, session: { id: string; municipality_code: string }, status: string) =>
			({ session_id: session.id, municipality_code: session.municipality_code, supporter_id: supporter.id, status });
		expect(await t.db.insert(t.w.users.staffB, 'session_staffing', row(t.w.supporters.supporterProfileB, t.w.sessions.publishedB, 'assigned'))).not.toBeNull();
		expect(await t.db.insert(t.w.users.staffA, 'session_staffing', row(t.w.supporters.supporterProfileB, t.w.sessions.draftA, 'offered'))).not.toBeNull();
		expect(await t.db.insert(t.w.users.staffA, 'session_staffing', row(t.w.supporters.supporterProfileA, t.w.sessions.draftA, 'assigned'))).toBeNull();
	});

	it.skipIf(!available)('as staff, cannot move their own profile or offer into a town they do not manage', async () => {
		const { staffB, admin } = t.w.users;
		expect(await t.db.insert(staffB, 'supporters', { user_id: staffB.id, municipality_code: townB, display_name: '職員サポーター' })).toBeNull();
		const [profile] = await t.db.select(staffB, 'supporters', { user_id: staffB.id });
		expect(await updated(staffB, 'supporters', { id: profile!.id }, { active: true })).toBe(1);
		expect(await updated(staffB, 'supporters', { id: profile!.id }, { municipality_code: townA })).toBe(0);
		expect(await t.db.insert(staffB, 'supporter_trainings', { supporter_id: profile!.id, course: 'basic', completed_on: '2026-04-20' })).toBeNull();
		expect(await updated(admin, 'supporter_trainings', { supporter_id: profile!.id }, { certified_at: new Date().toISOString(), certified_by: admin.id })).toBe(1);
		const mine = { session_id: t.w.sessions.publishedB.id, municipality_code: townB, supporter_id: profile!.id, status: 'assigned' };
		expect(await t.db.insert(staffB, 'session_staffing', mine)).toBeNull();
		const match = { session_id: mine.session_id, supporter_id: mine.supporter_id };
		expect(await updated(staffB, 'session_staffing', match, { session_id: t.w.sessions.draftA.id, municipality_code: townA })).toBe(0);
		const [still] = await t.db.select(staffB, 'session_staffing', match);
		expect(still).toMatchObject({ municipality_code: townB, status: 'assigned' });
	});

	it.skipIf(!available)('lose the roster, and withdrawing, once the class is over or they stepped back', async () => {
		const { supporterA, staffA } = t.w.users;
		const roster = (session: { id: string }) => codeOf(t.db.backend.as(supporterA).rpc('check_in_roster', { p_session_id: session.id }));
		const held = { id: randomUUID(), municipality_code: townA, venue_id: t.w.venues.venueA.id, topic_id: 'basics', title: '先月の教室', status: 'published', capacity: 5,
			starts_at: new Date(Date.now() - 30 * 86_400_000).toISOString(), ends_at: new Date(Date.now() - 30 * 86_400_000 + 5_400_000).toISOString() };
		await t.db.backend.as(serviceRole).rpc('import_dataset', {
			p_data: { sessions: [held], session_staffing: [{ session_id: held.id, municipality_code: townA, supporter_id: t.w.supporters.supporterProfileA.id, status: 'assigned' }] }
		});
		expect(await roster(held)).toBe('not_allowed');
		expect(await updated(supporterA, 'session_staffing', { session_id: held.id }, { status: 'withdrawn' })).toBe(0);
		expect(await t.db.select(supporterA, 'attendance')).toEqual([]);

		expect(await roster(t.w.sessions.publishedA)).toBe('ok');
		expect(await updated(staffA, 'supporters', { id: t.w.supporters.supporterProfileA.id }, { active: false })).toBe(1);
		expect(await roster(t.w.sessions.publishedA)).toBe('not_allowed');
		expect(await updated(staffA, 'supporters', { id: t.w.supporters.supporterProfileA.id }, { active: true })).toBe(1);
	});

	it.skipIf(!available)('are certified only by a prefecture admin of their prefecture, in the admin’s own name', async () => {
		const [training] = await t.db.select(t.w.users.supporterB, 'supporter_trainings');
		const match = { id: training!.id };
		const at = new Date().toISOString();
		expect(await updated(t.w.users.supporterB, 'supporter_trainings', match, { certified_at: at, certified_by: t.w.users.supporterB.id })).toBe(0);
		expect(await updated(t.w.users.staffB, 'supporter_trainings', match, { certified_at: at, certified_by: t.w.users.staffB.id })).toBe(0);
		expect(await updated(t.w.users.admin, 'supporter_trainings', match, { certified_at: at, certified_by: t.w.users.staffA.id })).toBe(0);

		const tokyoAdmin = await t.db.newUser('tokyo-admin');
		await t.db.backend.as(serviceRole).rpc('import_dataset', {
			p_data: {
				prefectures: [{ code: '13', local_government_code: '130001', name: '東京都' }],
				role_grants: [{ user_id: tokyoAdmin.id, role: 'prefecture_admin', prefecture_code: '13', municipality_code: null }]
			}
		});
		expect(await updated(tokyoAdmin, 'supporter_trainings', match, { certified_at: at, certified_by: tokyoAdmin.id })).toBe(0);
		expect(await updated(t.w.users.admin, 'supporter_trainings', match, { certified_at: at, certified_by: t.w.users.admin.id })).toBe(1);
	});

	it.skipIf(!available)('are never certified by themselves, prefecture admins included', async () => {
		const { admin } = t.w.users;
		expect(await t.db.insert(admin, 'supporters', { user_id: admin.id, municipality_code: townA, display_name: '県職員サポーター' })).toBeNull();
		const [profile] = await t.db.select(admin, 'supporters', { user_id: admin.id });
		expect(await t.db.insert(admin, 'supporter_trainings', { supporter_id: profile!.id, course: 'basic', completed_on: '2026-04-20' })).toBeNull();
		expect(await updated(admin, 'supporter_trainings', { supporter_id: profile!.id }, { certified_at: new Date().toISOString(), certified_by: admin.id })).toBe(0);
	});
});
