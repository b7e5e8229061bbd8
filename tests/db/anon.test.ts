import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anon } from '../../src/lib/server/db/port.ts';
import { backendCases, type TestDb } from './harness.ts';
import { buildWorld, type World } from './world.ts';

const privateTables = [
	'participants', 'registrations', 'attendance', 'supporters', 'supporter_trainings',
	'session_staffing', 'role_grants', 'role_grant_audit'
];

describe.each(backendCases)('anonymous visitors on $name', ({ available, open }) => {
	let db: TestDb;
	let world: World;
	beforeAll(async () => {
		if (!available) return;
		db = await open();
		world = await buildWorld(db);
	});
	afterAll(() => db?.close());

	it.skipIf(!available)('see published sessions with seats left, never drafts', async () => {
		const upcoming = await db.backend.as(anon).rpc<{ id: string; seats_left: number }[]>('list_upcoming_sessions');
		const ids = upcoming.map((s) => s.id);
		expect(ids).toContain(world.sessions.publishedA.id);
		expect(ids).toContain(world.sessions.publishedB.id);
		expect(ids).not.toContain(world.sessions.draftA.id);
		expect(ids).not.toContain(world.sessions.draftB.id);
		expect(upcoming.find((s) => s.id === world.sessions.publishedA.id)?.seats_left).toBe(7);

		const rows = await db.select(anon, 'sessions');
		expect(rows.map((r) => r.id)).toContain(world.sessions.publishedA.id);
		expect(rows.map((r) => r.status)).not.toContain('draft');
	});

	it.skipIf(!available)('get no personal data from the session list', async () => {
		const text = JSON.stringify(await db.backend.as(anon).rpc('list_upcoming_sessions'));
		expect(text).not.toContain(world.seniors.seniorA.full_name);
		expect(text).not.toContain(world.seniors.seniorA.phone);
		expect(text).not.toContain(world.registrations.registrationA.confirmation_code);
	});

	it.skipIf(!available)('read no row of any table holding people', async () => {
		for (const table of privateTables) {
			expect(await db.select(anon, table), table).toEqual([]);
		}
	});

	it.skipIf(!available)('cannot write sessions, registrations or grants', async () => {
		expect(await db.update(anon, 'sessions', { id: world.sessions.publishedA.id }, { capacity: 500 })).toBe(0);
		expect(await db.insert(anon, 'registrations', { ...world.registrations.registrationA, id: crypto.randomUUID(), confirmation_code: 'ANON0001' })).not.toBeNull();
		expect(await db.insert(anon, 'role_grants', { user_id: world.users.member.id, role: 'prefecture_admin', prefecture_code: '07' })).not.toBeNull();
		const [row] = await db.select(world.users.admin, 'sessions', { id: world.sessions.publishedA.id });
		expect(row?.capacity).toBe(8);
	});
});
