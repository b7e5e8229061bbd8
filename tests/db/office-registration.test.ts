import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError, serviceRole, type Backend, type Caller } from '../../src/lib/server/db/port.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import { sqlBackend } from '../../src/lib/server/db/sql-backend.ts';
import { codeOf } from './error-code.ts';
import * as officeRegistrations from '../../src/lib/server/office-registrations.ts';
import { backendCases, type Row } from './harness.ts';
import { townA, worldOn } from './world.ts';

// The town office registering seniors who phoned (代理登録) and cancelling for them, through the
// same SQL as the web (issue 9): the seats rule holds whoever takes the seats.

interface Registered {
	code: string;
	status: 'confirmed' | 'waitlisted';
	position: number | null;
}

let phoneNumber = 0;
const newPhone = () => `070-2${String(++phoneNumber).padStart(3, '0')}-${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
const kana = (n: number) => `でんわ ${'あいうえおかきくけこ'[n % 10]}${'さしすせそたちつてと'[Math.floor(n / 10) % 10]}${'なにぬねの'[Math.floor(n / 100) % 5]}`;

describe.each(backendCases)('registration by the town office on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const pools: Backend[] = [];
	afterAll(() => Promise.all(pools.map((p) => p.close())));

	/** PostgreSQL gets a pool of 20 connections, as a busy server has; PGlite has its one. */
	function wide(): Backend {
		if (!t.db.url) return t.db.backend;
		const pool = sqlBackend('postgres', openPostgres(t.db.url, 20));
		pools.push(pool);
		return pool;
	}

	async function newSession(capacity: number) {
		const starts = new Date(Date.now() + 6 * 86_400_000);
		const session = {
			id: randomUUID(), municipality_code: townA, venue_id: t.w.venues.venueA.id, topic_id: 'basics', title: '代理登録テスト教室',
			status: 'published', capacity, starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 5_400_000).toISOString()
		};
		await t.db.backend.as(serviceRole).rpc('import_dataset', { p_data: { sessions: [session] } });
		return session;
	}

	const register = async (db: Backend, caller: Caller, sessionId: string, n: number) => {
		const byStaff = caller !== serviceRole;
		const result = await db.as(caller).rpc<Registered | { refused: string }>('register_for_session', {
			p_session_id: sessionId, p_people: [{ full_name: `電話 ${n}`, name_kana: kana(n), age_band: '75_84', device: 'android' }],
			p_phone: newPhone(), p_note: '', p_consent: true, p_channel: byStaff ? 'phone' : 'web', p_requester: byStaff ? null : `web-${randomUUID()}`
		});
		if ('refused' in result) throw new DomainError(result.refused);
		return result;
	};

	const queue = async (sessionId: string) =>
		(await t.db.select(serviceRole, 'registrations', { session_id: sessionId }))
			.sort((a, b) => Number(a.queue_seq) - Number(b.queue_seq)) as Row[];

	it.skipIf(!available)('gives 20 seats to exactly 20 of 200 seniors registering at once, half by phone through staff; 180 wait in a gap-free order', { timeout: 180_000 }, async () => {
		const session = await newSession(20);
		const db = wide();
		const results = await Promise.all(
			Array.from({ length: 200 }, (_, n) => register(db, n % 2 === 0 ? serviceRole : t.w.users.staffA, session.id, n).then((r) => ({ ...r, n })))
		);
		const rows = await queue(session.id);
		expect(rows).toHaveLength(200);
		expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(20);
		expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(180);
		// Whoever came first in the queue got the seats: confirmed rows all precede the waiting ones.
		expect(rows.slice(0, 20).every((r) => r.status === 'confirmed')).toBe(true);
		expect(rows.filter((r) => r.channel === 'phone')).toHaveLength(100);
		expect(rows.filter((r) => r.channel === 'phone').every((r) => r.registered_by === t.w.users.staffA.id)).toBe(true);
		// Each was told the truth: positions 1 … 180, each once, in queue order.
		const waiting = results.filter((r) => r.status === 'waitlisted');
		expect(waiting.map((r) => r.position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
		const [kept] = await t.db.select(serviceRole, 'sessions', { id: session.id }, ['seats_confirmed', 'seats_waitlisted']);
		expect(kept).toEqual({ seats_confirmed: 20, seats_waitlisted: 180 });

		// A senior phones to cancel: staff cancel for them, and exactly the first in line moves up.
		const firstWaiting = rows.find((r) => r.status === 'waitlisted')!;
		const cancelled = await t.db.backend.as(t.w.users.staffA).rpc<{ cancelled: number; promoted: number; promoted_ids: string[] }>(
			'cancel_registration_for', { p_registration_id: rows[3]!.id });
		expect(cancelled).toMatchObject({ cancelled: 1, promoted: 1, promoted_ids: [firstWaiting.id] });
		const after = await queue(session.id);
		expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(20);
		expect(after.find((r) => r.id === firstWaiting.id)?.status).toBe('confirmed');
		expect(after.find((r) => r.id === rows[3]!.id)?.status).toBe('cancelled');
		// Cancelling again changes nothing; the seats stay as they are.
		expect(await t.db.backend.as(t.w.users.staffA).rpc('cancel_registration_for', { p_registration_id: rows[3]!.id })).toEqual({ cancelled: 0, promoted: 0 });

		// Fewer seats than are confirmed is refused with its own code, and nothing changes.
		await expect(t.db.update(t.w.users.staffA, 'sessions', { id: session.id }, { capacity: 10 })).rejects.toThrow(/capacity_below_confirmed/);
		const [still] = await t.db.select(serviceRole, 'sessions', { id: session.id }, ['capacity', 'seats_confirmed']);
		expect(still).toEqual({ capacity: 20, seats_confirmed: 20 });
	});

	it.skipIf(!available)('shows the office who is coming, then the waiting list with places, then who cancelled; to its staff only', async () => {
		const session = await newSession(2);
		const staff = t.db.backend.as(t.w.users.staffA);
		for (let n = 0; n < 4; n++) await officeRegistrations.registerByPhone(staff, session.id, {
			people: [{ full_name: `一覧 ${n}`, name_kana: kana(500 + n), age_band: '85_plus', device: 'none', needs_loaner: n === 0 }], phone: newPhone(), note: n === 0 ? '耳が遠い' : ''
		});
		const before = await officeRegistrations.list(staff, session.id);
		await officeRegistrations.cancel(staff, before[0]!.id);
		const list = await officeRegistrations.list(staff, session.id);
		expect(list.map((r) => [r.full_name, r.status, r.position])).toEqual([
			['一覧 1', 'confirmed', null], ['一覧 2', 'confirmed', null], ['一覧 3', 'waitlisted', 1], ['一覧 0', 'cancelled', null]
		]);
		expect(list[3]).toMatchObject({ channel: 'phone', needs_loaner: true, note: '耳が遠い', age_band: '85_plus' });
		for (const stranger of [t.w.users.staffB, t.w.users.supporterA, t.w.users.member]) {
			expect(await codeOf(officeRegistrations.list(t.db.backend.as(stranger), session.id))).toBe('session_not_found');
		}
		expect(await codeOf(officeRegistrations.list(t.db.backend.as(t.w.users.admin), session.id))).toBe('ok');
	});

	it.skipIf(!available)('lets staff cancel only for their own town, and a pair goes together', async () => {
		const session = await newSession(4);
		const pair = await t.db.backend.as(t.w.users.staffA).rpc<Registered>('register_for_session', {
			p_session_id: session.id, p_phone: newPhone(), p_note: '', p_consent: true, p_channel: 'phone', p_requester: null,
			p_people: [
				{ full_name: '夫婦 一郎', name_kana: 'ふうふ いちろう', age_band: '75_84', device: 'iphone' },
				{ full_name: '夫婦 花子', name_kana: 'ふうふ はなこ', age_band: '75_84', device: 'none', needs_loaner: true }
			]
		});
		expect(pair.status).toBe('confirmed');
		const [second] = (await queue(session.id)).slice(1);
		for (const stranger of [t.w.users.staffB, t.w.users.supporterA, t.w.users.member]) {
			expect(await codeOf(t.db.backend.as(stranger).rpc('cancel_registration_for', { p_registration_id: second!.id }))).toBe('registration_not_found');
		}
		expect(await codeOf(t.db.backend.as(t.w.users.staffA).rpc('cancel_registration_for', { p_registration_id: randomUUID() }))).toBe('registration_not_found');
		expect(await t.db.backend.as(t.w.users.admin).rpc('cancel_registration_for', { p_registration_id: second!.id })).toMatchObject({ cancelled: 2, promoted: 0 });
		expect((await queue(session.id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
	});
});
