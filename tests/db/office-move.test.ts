import { describe, expect, it } from 'vitest';
import { anon, serviceRole, type Caller } from '../../src/lib/server/db/port.ts';
import { sessionForm, type SessionInput } from '../../src/lib/domain/session-form.ts';
import { monthFlyer } from '../../src/lib/server/office-printables.ts';
import * as registrations from '../../src/lib/server/office-registrations.ts';
import * as sessions from '../../src/lib/server/office-sessions.ts';
import { codeOf } from './error-code.ts';
import { backendCases, type Row } from './harness.ts';
import { townA, townB, worldOn } from './world.ts';

// Moving a senior to another date of the same series or topic, and publishing a series in
// one step (issue 9): the seat left goes to the waiting list in the same transaction.

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
let phoneNumber = 0;
const newPhone = () => `080-3${String(++phoneNumber).padStart(3, '0')}-${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
const kana = (n: number) => `いどう ${'あいうえおかきくけこ'[n % 10]}${'さしすせそたちつてと'[Math.floor(n / 10) % 10]}`;

describe.each(backendCases)('moving registrations and publishing series on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const as = (caller: Caller) => t.db.backend.as(caller);
	const staff = () => as(t.w.users.staffA);
	const form = (fields: Record<string, string> = {}): SessionInput =>
		sessionForm.parse({
			format: 'class', title: '移動テスト教室', topic_id: 'line', venue_id: t.w.venues.venueA.id, date: inDays(20), start_time: '10:00',
			end_time: '11:30', capacity: '2', slot_minutes: '', desks: '', supporters_needed: '1', device_focus: 'any', what_to_bring: '',
			fee_yen: '', contact_phone: '', description: '', supporter_notes: '', closes_days_before: '1', ...fields
		});

	/** A series of `size` weekly sessions with `capacity` seats each, published. */
	async function publishedSeries(size: number, capacity: number, topic = 'line') {
		const dates = Array.from({ length: size }, (_, i) => inDays(20 + 7 * i));
		const { series_id, ids } = await sessions.createSeries(staff(), townA, form({ capacity: String(capacity), topic_id: topic }), dates);
		expect(await sessions.publishSeries(staff(), series_id)).toEqual({ series_id, published: size });
		return { seriesId: series_id, ids };
	}

	const registerOne = async (sessionId: string, n: number, phone = newPhone(), people = 1) => {
		const result = await registrations.registerByPhone(staff(), sessionId, {
			people: Array.from({ length: people }, (_, i) => ({ full_name: `移動 ${n}-${i}`, name_kana: kana(n * 3 + i), age_band: '75_84' as const, device: 'iphone' as const, needs_loaner: false })),
			phone, note: ''
		});
		const list = await registrations.list(staff(), sessionId);
		return { ...result, id: list.find((r) => r.code === result.code)!.id };
	};

	const seats = async (id: string) => (await t.db.select(serviceRole, 'sessions', { id }, ['seats_confirmed', 'seats_waitlisted']))[0];
	const rowsOf = async (sessionId: string) => (await t.db.select(serviceRole, 'registrations', { session_id: sessionId })) as Row[];

	it.skipIf(!available)('moves a confirmed senior to another date of the series; the first who waits takes the seat left', async () => {
		const { ids: [first, second] } = await publishedSeries(3, 2);
		const a = await registerOne(first!, 1);
		await registerOne(first!, 2);
		const waiting = await registerOne(first!, 3);
		expect(waiting.status).toBe('waitlisted');

		const targets = await registrations.moveTargets(staff(), first!);
		expect(targets.map((s) => s.id)).toContain(second);
		expect(targets.every((s) => s.same_series)).toBe(true);

		const moved = await registrations.move(staff(), a.id, second!, false);
		expect(moved).toMatchObject({ moved: 1, status: 'confirmed', session_id: second, code: a.code, promoted: 1 });
		expect(await seats(first!)).toEqual({ seats_confirmed: 2, seats_waitlisted: 0 });
		expect(await seats(second!)).toEqual({ seats_confirmed: 1, seats_waitlisted: 0 });
		expect((await rowsOf(first!)).find((r) => r.id === waiting.id)?.status).toBe('confirmed');
		// The senior's own code still finds them, now at the new date.
		const phone = (await registrations.list(staff(), second!))[0]!.phone;
		const found = await as(serviceRole).rpc<{ session_id: string }>('find_registration', { p_code: a.code, p_phone: phone, p_requester: 'move-test' });
		expect(found.session_id).toBe(second);
	});

	it.skipIf(!available)('moves a pair together, refuses a full date unless the waiting list is wanted, and then puts them at its end', async () => {
		const { ids: [first, second] } = await publishedSeries(2, 2);
		const pair = await registerOne(first!, 10, newPhone(), 2);
		const other = await registerOne(second!, 11);
		expect(await codeOf(registrations.move(staff(), pair.id, second!, false))).toBe('move_target_full');
		expect(await seats(first!)).toEqual({ seats_confirmed: 2, seats_waitlisted: 0 });
		await registerOne(second!, 12);
		const queued = await registerOne(second!, 13);
		const moved = await registrations.move(staff(), pair.id, second!, true);
		expect(moved).toMatchObject({ moved: 2, status: 'waitlisted', position: 2, promoted: 0 });
		const there = (await rowsOf(second!)).sort((x, y) => Number(x.queue_seq) - Number(y.queue_seq));
		expect(there.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted', 'waitlisted']);
		expect(there[2]!.id).toBe(queued.id);
		expect(there[0]!.id).toBe(other.id);
		expect(await seats(first!)).toEqual({ seats_confirmed: 0, seats_waitlisted: 0 });
		expect(await seats(second!)).toEqual({ seats_confirmed: 2, seats_waitlisted: 3 });
	});

	it.skipIf(!available)('moves to a class on the same topic outside the series, but not to another topic, town, draft or a date they hold', async () => {
		const { ids: [first, second] } = await publishedSeries(2, 4);
		const sameTopic = (await sessions.create(staff(), townA, form({ title: '同じテーマの単発', date: inDays(40) }))).id;
		const otherTopic = (await sessions.create(staff(), townA, form({ title: '別のテーマ', topic_id: 'basics', date: inDays(41) }))).id;
		const draft = (await sessions.create(staff(), townA, form({ title: 'まだ下書き', date: inDays(42) }))).id;
		await sessions.publish(staff(), sameTopic);
		await sessions.publish(staff(), otherTopic);
		const townBSession = (await sessions.create(as(t.w.users.staffB), townB, form({ venue_id: t.w.venues.venueB.id }))).id;
		await sessions.publish(as(t.w.users.staffB), townBSession);

		const targets = (await registrations.moveTargets(staff(), first!)).map((s) => s.id);
		expect(targets).toEqual(expect.arrayContaining([second, sameTopic]));
		expect(targets).not.toContain(otherTopic);
		expect(targets).not.toContain(draft);
		expect(targets).not.toContain(townBSession);

		const phone = newPhone();
		const a = await registerOne(first!, 20, phone);
		await registrations.registerByPhone(staff(), second!, { people: [{ full_name: '移動 20-0', name_kana: kana(60), age_band: '75_84', device: 'iphone', needs_loaner: false }], phone, note: '' });
		for (const [to, code] of [[otherTopic, 'move_target_invalid'], [draft, 'move_target_invalid'], [townBSession, 'move_target_invalid'], [first, 'move_target_invalid'], [second, 'already_registered_there']] as const) {
			expect(await codeOf(registrations.move(staff(), a.id, to!, true)), to).toBe(code);
		}
		const cancelled = (await sessions.create(staff(), townA, form({ title: '中止になる回', date: inDays(43) }))).id;
		await sessions.publish(staff(), cancelled);
		await sessions.cancel(staff(), cancelled, '講師の都合');
		expect(await codeOf(registrations.move(staff(), a.id, cancelled, true))).toBe('session_cancelled');
		expect((await rowsOf(first!)).find((r) => r.id === a.id)?.status).toBe('confirmed');

		expect((await registrations.move(staff(), a.id, sameTopic, false)).session_id).toBe(sameTopic);
		// Once cancelled, there is nothing left to move.
		await registrations.cancel(staff(), a.id);
		expect(await codeOf(registrations.move(staff(), a.id, second!, true))).toBe('registration_cancelled');
	});

	it.skipIf(!available)('moves the registrants of a cancelled date, and only for the staff of the town', async () => {
		const { ids: [first, second] } = await publishedSeries(2, 4);
		const a = await registerOne(first!, 30);
		await sessions.cancel(staff(), first!, '雪のため');
		for (const stranger of [t.w.users.staffB, t.w.users.supporterA, t.w.users.member, anon]) {
			const refusal = stranger === anon ? 'not_allowed' : undefined;
			expect(await codeOf(registrations.move(as(stranger), a.id, second!, true)), String(stranger)).toBe(refusal ?? 'registration_not_found');
			expect(await codeOf(registrations.moveTargets(as(stranger), first!))).toBe(refusal ?? 'session_not_found');
		}
		expect(await registrations.move(as(t.w.users.admin), a.id, second!, false)).toMatchObject({ status: 'confirmed' });
	});

	it.skipIf(!available)('keep seats true when moves cross each other at once', { timeout: 60_000 }, async () => {
		const { ids: [first, second] } = await publishedSeries(2, 10);
		const here = await Promise.all(Array.from({ length: 6 }, (_, n) => registerOne(first!, 40 + n)));
		const there = await Promise.all(Array.from({ length: 6 }, (_, n) => registerOne(second!, 50 + n)));
		// Each way round at once: the sessions are locked in one order, so none of these deadlock.
		await Promise.all([...here.map((r) => registrations.move(staff(), r.id, second!, true)), ...there.map((r) => registrations.move(staff(), r.id, first!, true))]);
		for (const id of [first!, second!]) {
			const rows = await rowsOf(id);
			expect(await seats(id)).toEqual({ seats_confirmed: rows.filter((r) => r.status === 'confirmed').length, seats_waitlisted: rows.filter((r) => r.status === 'waitlisted').length });
			expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(6);
		}
	});

	it.skipIf(!available)('publish a series’ drafts in one step, leaving cancelled ones, only for the town’s staff', async () => {
		const dates = [inDays(20), inDays(27), inDays(34)];
		const { series_id, ids } = await sessions.createSeries(staff(), townA, form(), dates);
		await sessions.cancel(staff(), ids[2]!, '会場の都合');
		expect((await sessions.read(staff(), ids[0]!))).toMatchObject({ series_size: 3, series_drafts: 2 });
		for (const stranger of [t.w.users.staffB, t.w.users.supporterA, t.w.users.member, anon]) {
			expect(await codeOf(sessions.publishSeries(as(stranger), series_id))).toBe(stranger === anon ? 'not_allowed' : 'series_not_found');
		}
		expect(await codeOf(sessions.publishSeries(staff(), '00000000-0000-4000-8000-000000000000'))).toBe('series_not_found');
		expect((await sessions.read(staff(), ids[0]!))?.status).toBe('draft');
		expect(await sessions.publishSeries(staff(), series_id)).toEqual({ series_id, published: 2 });
		expect((await Promise.all(ids.map((id) => sessions.read(staff(), id)))).map((s) => s?.status)).toEqual(['published', 'published', 'cancelled']);
		expect((await sessions.read(staff(), ids[0]!))?.series_drafts).toBe(0);
		// A second click publishes nothing more.
		expect(await sessions.publishSeries(staff(), series_id)).toEqual({ series_id, published: 0 });
	});

	it.skipIf(!available)('list a month’s published sessions for the town’s flyer, drafts and other months left out', async () => {
		// A month eleven months ahead, clear of this file's other sessions.
		const day = new Date(Date.now() + 330 * 86_400_000);
		const month = `${day.toISOString().slice(0, 7)}-01`;
		const on = (d: number) => `${month.slice(0, 8)}${String(d).padStart(2, '0')}`;
		const { series_id, ids } = await sessions.createSeries(staff(), townA, form({ title: 'チラシの連続講座' }), [on(20), on(6), on(13)]);
		await sessions.publishSeries(staff(), series_id);
		const draft = (await sessions.create(staff(), townA, form({ title: 'チラシに出ない下書き', date: on(9) }))).id;
		const flyer = await monthFlyer(staff(), townA, month);
		expect(flyer.municipality).toEqual({ code: townA, name: '福島市' });
		const listed = flyer.sessions.filter((s) => s.title === 'チラシの連続講座');
		expect(listed.map((s) => s.id)).toEqual([ids[0], ids[1], ids[2]]);
		expect(listed[0]).toMatchObject({ venue_name: expect.any(String), venue_address: expect.any(String), capacity: 2 });
		expect(flyer.sessions.map((s) => s.id)).not.toContain(draft);
		const next = await monthFlyer(staff(), townA, `${new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1)).toISOString().slice(0, 10)}`);
		expect(next.sessions.map((s) => s.id)).not.toContain(ids[0]);
		for (const stranger of [t.w.users.staffB, t.w.users.supporterA, t.w.users.member]) {
			expect(await codeOf(monthFlyer(as(stranger), townA, month))).toBe('not_allowed');
		}
		expect(await codeOf(monthFlyer(staff(), townA, on(2)))).toBe('invalid_request');
	});
});
