import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anon, serviceRole, type Caller } from '../../src/lib/server/db/port.ts';
import * as checkIn from '../../src/lib/server/check-in.ts';
import { codeOf } from './error-code.ts';
import { backendCases, type Row } from './harness.ts';
import { townA, worldOn } from './world.ts';

// Check-in at the class (issue 11): marks by staff and the class's supporters, each once
// whatever is sent again, the latest standing; walk-ins known again by phone and reading.

describe.each(backendCases)('check-in on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const as = (caller: Caller) => t.db.backend.as(caller);

	/** A published class of town A starting `hours` from now, with `n` registrants. */
	async function classWith(n: number, hours = -0.5) {
		const starts = new Date(Date.now() + hours * 3_600_000);
		const session = {
			id: randomUUID(), municipality_code: townA, venue_id: t.w.venues.venueA.id, topic_id: 'line', title: '出席をとる教室',
			status: 'published', capacity: 20, starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 5_400_000).toISOString()
		};
		const people = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), municipality_code: townA, full_name: `出席 ${i}`, name_kana: `しゅっせき ${'あいうえおかきくけこ'[i]}`, phone: `0240${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`, age_band: '75_84' }));
		const registrations = people.map((p, i) => ({
			id: randomUUID(), session_id: session.id, municipality_code: townA, participant_id: p.id, status: 'confirmed', device: 'iphone',
			channel: 'phone', confirmation_code: `CI${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`, consented_at: new Date().toISOString()
		}));
		await as(serviceRole).rpc('import_dataset', { p_data: { sessions: [session], participants: people, registrations } });
		return { session, registrations };
	}
	const marks = async (sessionId: string) => (await t.db.select(serviceRole, 'attendance', { session_id: sessionId })) as Row[];

	it.skipIf(!available)('counts each mark once, however often it is sent, and keeps the latest made on the device', async () => {
		const { session, registrations } = await classWith(6);
		const staff = as(t.w.users.staffA);
		const sent = registrations.slice(0, 5).map((r) => ({ r, nonce: randomUUID() }));
		// Sent, then all sent again (the answers were lost), then again at once.
		for (let round = 0; round < 2; round++) for (const { r, nonce } of sent) await checkIn.mark(staff, session.id, r.id, true, nonce, null);
		await Promise.all(sent.map(({ r, nonce }) => checkIn.mark(staff, session.id, r.id, true, nonce, null)));
		expect(await marks(session.id)).toHaveLength(5);
		expect((await checkIn.list(staff, session.id)).present).toBe(5);

		// Marked present at 10:01 on one phone and absent at 10:02 on another; the 10:02 one arrives first.
		const r = registrations[5]!;
		const early = new Date(Date.now() - 120_000).toISOString();
		const later = new Date(Date.now() - 60_000).toISOString();
		expect(await checkIn.mark(staff, session.id, r.id, false, randomUUID(), later)).toMatchObject({ attended: false, applied: true });
		expect(await checkIn.mark(staff, session.id, r.id, true, randomUUID(), early)).toMatchObject({ attended: false, applied: false });
		expect((await marks(session.id)).find((m) => m.registration_id === r.id)?.attended).toBe(false);
		expect((await checkIn.list(staff, session.id)).present).toBe(5);
		expect(await marks(session.id)).toHaveLength(6);
	});

	it.skipIf(!available)('is for the class’s staff and its assigned supporters, from two hours before it starts', async () => {
		const { session, registrations } = await classWith(2);
		await as(serviceRole).rpc('import_dataset', { p_data: { session_staffing: [{ session_id: session.id, municipality_code: townA, supporter_id: t.w.supporters.supporterProfileA.id, status: 'assigned' }] } });
		const roster = await checkIn.list(as(t.w.users.supporterA), session.id);
		expect(roster.people).toHaveLength(2);
		expect(JSON.stringify(roster)).not.toMatch(/"0240\d{6}"/);
		expect(await checkIn.mark(as(t.w.users.supporterA), session.id, registrations[1]!.id, true, randomUUID(), null)).toMatchObject({ applied: true });
		for (const stranger of [t.w.users.staffB, t.w.users.supporterB, t.w.users.member]) {
			expect(await codeOf(checkIn.list(as(stranger), session.id))).toBe('session_not_found');
			expect(await codeOf(checkIn.mark(as(stranger), session.id, registrations[0]!.id, true, randomUUID(), null))).toBe('session_not_found');
		}
		expect(await codeOf(checkIn.list(as(anon), session.id))).toBe('not_allowed');
		// A registration of another class is not this one's.
		expect(await codeOf(checkIn.mark(as(t.w.users.staffA), session.id, t.w.registrations.registrationA.id, true, randomUUID(), null))).toBe('registration_not_found');

		const tomorrow = await classWith(1, 24);
		expect((await checkIn.list(as(t.w.users.staffA), tomorrow.session.id)).open).toBe(false);
		expect(await codeOf(checkIn.mark(as(t.w.users.staffA), tomorrow.session.id, tomorrow.registrations[0]!.id, true, randomUUID(), null))).toBe('check_in_closed');
	});

	it.skipIf(!available)('adds a walk-in once per nonce, known again by phone and reading', async () => {
		const { session } = await classWith(1);
		const staff = as(t.w.users.staffA);
		const person = { full_name: '当日 来た', name_kana: 'とうじつ きた', age_band: '85_plus', device: 'none', needs_loaner: true };
		const nonce = randomUUID();
		expect(await checkIn.addWalkIn(staff, session.id, person, '024-000-7999', nonce)).toMatchObject({ added: true });
		expect(await checkIn.addWalkIn(staff, session.id, person, '024-000-7999', nonce)).toMatchObject({ added: false });
		// The same person again under a new nonce (another phone) is still one attendance.
		await checkIn.addWalkIn(staff, session.id, { ...person, name_kana: 'トウジツ キタ' }, '0240007999', randomUUID());
		const list = await checkIn.list(staff, session.id);
		expect(list.walk_ins.map((w) => w.full_name)).toEqual(['当日 来た']);
		expect(list.present).toBe(1);
		for (const [fields, phone, code] of [[{ ...person, full_name: '' }, '024-000-7999', 'name_required'], [person, '12', 'invalid_phone'], [{ ...person, age_band: 'old' }, '024-000-7999', 'invalid_age_band']] as const) {
			expect(await codeOf(checkIn.addWalkIn(staff, session.id, fields as typeof person, phone, randomUUID()))).toBe(code);
		}
		expect((await checkIn.list(staff, session.id)).walk_ins).toHaveLength(1);
	});
});
