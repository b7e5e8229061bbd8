import { describe, expect, it } from 'vitest';
import { anon } from '../../src/lib/server/db/port.ts';
import { backendCases } from './harness.ts';
import { worldOn } from './world.ts';

const privateTables = [
	'participants', 'registrations', 'attendance', 'supporters', 'supporter_trainings',
	'session_staffing', 'role_grants', 'role_grant_audit'
];

describe.each(backendCases)('anonymous visitors on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);

	it.skipIf(!available)('see published sessions with seats left, never drafts', async () => {
		const { sessions: upcoming } = await t.db.backend.as(anon).rpc<{ sessions: { id: string; seats_left: number }[] }>('find_sessions', { p_query: { page_size: 50 } });
		const ids = upcoming.map((s) => s.id);
		expect(ids).toContain(t.w.sessions.publishedA.id);
		expect(ids).toContain(t.w.sessions.publishedB.id);
		expect(ids).not.toContain(t.w.sessions.draftA.id);
		expect(ids).not.toContain(t.w.sessions.draftB.id);
		expect(upcoming.find((s) => s.id === t.w.sessions.publishedA.id)?.seats_left).toBe(7);

		const rows = await t.db.select(anon, 'sessions', {}, ['id', 'status']);
		expect(rows.map((r) => r.id)).toContain(t.w.sessions.publishedA.id);
		expect(rows.map((r) => r.status)).not.toContain('draft');
	});

	it.skipIf(!available)('get no personal data from the session list', async () => {
		const text = JSON.stringify(await t.db.backend.as(anon).rpc('find_sessions', { p_query: { page_size: 50 } }));
		expect(text).not.toContain(t.w.seniors.seniorA.full_name);
		expect(text).not.toContain(t.w.seniors.seniorA.phone);
		expect(text).not.toContain(t.w.registrations.registrationA.confirmation_code);
	});

	it.skipIf(!available)('read no row of any table holding people', async () => {
		// Refused outright (no SELECT privilege); the Supabase harness reports that as no rows.
		for (const table of privateTables) {
			const seen = await t.db.select(anon, table).catch((error: Error) => error.message);
			expect(seen, table).toEqual(backend.name === 'supabase' ? [] : expect.stringMatching(/permission denied/));
		}
	});

	// Plain SQL as the caller: the SQL backends only.
	it.skipIf(!available || backend.name === 'supabase')('read no account id: who created a session or set a target stays private', async () => {
		for (const caller of [anon, t.w.users.member]) {
			expect(await t.db.attempt!(caller, 'select created_by from public.sessions')).toEqual(expect.stringMatching(/permission denied/));
			expect(await t.db.attempt!(caller, 'select created_by from public.series')).toEqual(expect.stringMatching(/permission denied/));
			expect(await t.db.attempt!(caller, 'select set_by from public.targets')).toEqual(expect.stringMatching(/permission denied/));
		}
	});

	it.skipIf(!available)('cannot write sessions, registrations or grants', async () => {
		expect(await t.db.update(anon, 'sessions', { id: t.w.sessions.publishedA.id }, { capacity: 500 }).catch(() => 0)).toBe(0);
		expect(await t.db.insert(anon, 'registrations', { ...t.w.registrations.registrationA, id: crypto.randomUUID(), confirmation_code: 'ANON0001' })).not.toBeNull();
		expect(await t.db.insert(anon, 'role_grants', { user_id: t.w.users.member.id, role: 'prefecture_admin', prefecture_code: '07' })).not.toBeNull();
		const [row] = await t.db.select(t.w.users.admin, 'sessions', { id: t.w.sessions.publishedA.id }, ['capacity']);
		expect(row?.capacity).toBe(8);
	});
});
