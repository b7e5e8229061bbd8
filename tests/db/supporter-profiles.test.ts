import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anon, serviceRole, type Caller } from '../../src/lib/server/db/port.ts';
import { fiscalYearOf } from '../../src/lib/domain/wareki.ts';
import * as supporters from '../../src/lib/server/supporters.ts';
import { codeOf } from './error-code.ts';
import { backendCases } from './harness.ts';
import { townA, townB, worldOn } from './world.ts';

// Digital supporters (issue 10): applying, being made active, training recorded (one by
// one and from a course's list), offering to help, being confirmed, withdrawing; and what
// each person may see and do.

const profile = (fields: Partial<supporters.SupporterProfileInput> = {}): supporters.SupporterProfileInput => ({
	display_name: '新人 さぽーと', kana: 'しんじん さぽーと', municipality_code: townA, travel_codes: [], phone: '090-1111-2222',
	skills: ['iphone', 'line'], availability: ['tue_pm', 'thu_am'], note: '平日の午後なら', ...fields
});

describe.each(backendCases)('digital supporters on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const as = (caller: Caller) => t.db.backend.as(caller);

	/** A new account that applies as a supporter, is made active by staff of its home town and gets the basic course. */
	async function certifiedSupporter(label: string, fields: Partial<supporters.SupporterProfileInput> = {}, { certify = true } = {}) {
		const user = await t.db.newUser(label);
		const { id } = await supporters.saveMine(as(user), profile({ display_name: `${label} 支援`, kana: 'さぽーと', ...fields }));
		const home = fields.municipality_code ?? townA;
		const staff = home === townB ? t.w.users.staffB : t.w.users.staffA;
		await supporters.setActive(as(home === townA || home === townB ? staff : t.w.users.admin), id, true);
		if (certify) await supporters.recordTraining(as(t.w.users.admin), id, 'basic', '2026-06-01');
		return { user, id };
	}

	/** A published session of town A, `days` ahead, that needs supporters. */
	async function sessionOfTown(town: string, days: number, needed = 2) {
		const starts = new Date(Date.now() + days * 86_400_000);
		const session = {
			id: randomUUID(), municipality_code: town, venue_id: town === townA ? t.w.venues.venueA.id : t.w.venues.venueB.id, topic_id: 'line',
			title: 'サポーター募集の教室', status: 'published', capacity: 8, supporters_needed: needed,
			starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 5_400_000).toISOString()
		};
		await as(serviceRole).rpc('import_dataset', { p_data: { sessions: [session] } });
		return session;
	}

	it.skipIf(!available)('apply, wait for staff to make them active, then see open classes once certified', async () => {
		const user = await t.db.newUser('applicant');
		expect(await supporters.mine(as(user))).toBeNull();
		expect(await supporters.saveMine(as(user), profile())).toMatchObject({ status: 'applied' });
		const me = await supporters.mine(as(user));
		expect(me).toMatchObject({ display_name: '新人 さぽーと', status: 'applied', certified: false, skills: ['iphone', 'line'], municipality_name: '福島市' });
		// Coming back on their own is not theirs to do while applying.
		expect(await codeOf(supporters.setMyActive(as(user), true))).toBe('not_yet_active');
		expect((await supporters.sessionsForMe(as(user))).open).toEqual([]);

		// Staff of town B cannot make them active; staff of town A can.
		expect(await codeOf(supporters.setActive(as(t.w.users.staffB), me!.id, true))).toBe('supporter_not_found');
		expect(await supporters.setActive(as(t.w.users.staffA), me!.id, true)).toMatchObject({ status: 'active' });
		const session = await sessionOfTown(townA, 10);
		expect((await supporters.sessionsForMe(as(user))).open.map((s) => s.id)).not.toContain(session.id);
		await supporters.recordTraining(as(t.w.users.staffA), me!.id, 'basic', '2026-06-01');
		expect((await supporters.mine(as(user)))?.certified).toBe(true);
		const open = (await supporters.sessionsForMe(as(user))).open.find((s) => s.id === session.id);
		expect(open).toMatchObject({ skill_match: true, registered: 0, supporters_needed: 2, supporter_notes: '' });
		// Stepping back: inactive, and back again.
		expect(await supporters.setMyActive(as(user), false)).toEqual({ status: 'inactive', kept: 0 });
		expect((await supporters.sessionsForMe(as(user))).open).toEqual([]);
		expect(await supporters.setMyActive(as(user), true)).toMatchObject({ status: 'active' });
	});

	it.skipIf(!available)('refuse bad profiles with a code, and change nothing', async () => {
		const user = await t.db.newUser('bad-profile');
		const bad: [Partial<supporters.SupporterProfileInput> | Record<string, unknown>, string][] = [
			[{ display_name: '' }, 'name_required'],
			[{ display_name: 'あ'.repeat(61) }, 'supporter_name_invalid'],
			[{ display_name: '名前\u202e' }, 'supporter_name_invalid'],
			[{ kana: '<script>' }, 'invalid_kana'],
			[{ phone: '12345' }, 'invalid_phone'],
			[{ skills: ['hacking'] }, 'invalid_skills'],
			[{ availability: ['mon_night'] }, 'invalid_availability'],
			[{ municipality_code: '999999' }, 'municipality_required'],
			[{ travel_codes: ['131016'] }, 'invalid_travel'],
			[{ note: 'あ'.repeat(501) }, 'text_too_long'],
			[{ skills: 'iphone' }, 'invalid_request']
		];
		for (const [fields, code] of bad) {
			expect(await codeOf(as(user).rpc('save_my_supporter_profile', { p_profile: { ...profile(), ...fields } })), JSON.stringify(fields).slice(0, 60)).toBe(code);
		}
		expect(await supporters.mine(as(user))).toBeNull();
		expect(await codeOf(supporters.saveMine(as(anon), profile()))).toBe('not_allowed');
	});

	it.skipIf(!available)('cannot be confirmed for a session until certified', async () => {
		const { user, id } = await certifiedSupporter('uncertified', {}, { certify: false });
		const session = await sessionOfTown(townA, 12);
		expect(await codeOf(supporters.offerHelp(as(user), session.id))).toBe('not_certified');
		expect(await codeOf(supporters.staff(as(t.w.users.staffA), session.id, id, 'ask'))).toBe('not_certified');
		// Even a row written around the functions cannot make them assigned (the table's trigger).
		expect(await t.db.insert(t.w.users.staffA, 'session_staffing', { session_id: session.id, municipality_code: townA, supporter_id: id, status: 'assigned' })).toMatch(/not_allowed/);
		// Self-reported training is not a certificate.
		await t.db.insert(user, 'supporter_trainings', { supporter_id: id, course: 'basic', completed_on: '2026-06-01' });
		expect((await supporters.mine(as(user)))?.certified).toBe(false);
		await supporters.recordTraining(as(t.w.users.admin), id, 'basic', '2026-06-01');
		expect(await supporters.offerHelp(as(user), session.id)).toEqual({ status: 'offered' });
		expect(await supporters.staff(as(t.w.users.staffA), session.id, id, 'assign')).toEqual({ status: 'assigned', supporters_confirmed: 1 });
	});

	it.skipIf(!available)('see what a class needs, but never registrants’ phone numbers or another supporter’s contact', async () => {
		const { user, id } = await certifiedSupporter('reader');
		const other = await certifiedSupporter('other');
		const session = t.w.sessions.publishedA;
		// It asks for no supporters: staff ask, and the supporter accepts.
		expect(await codeOf(supporters.offerHelp(as(user), session.id))).toBe('no_supporters_needed');
		await supporters.staff(as(t.w.users.staffA), session.id, id, 'ask');
		expect(await supporters.offerHelp(as(user), session.id)).toEqual({ status: 'assigned' });
		const mine = (await supporters.sessionsForMe(as(user))).mine.find((s) => s.id === session.id);
		expect(mine).toMatchObject({ my_status: 'assigned', registered: 1 });
		expect(JSON.stringify(mine)).not.toContain(t.w.seniors.seniorA.phone);
		// The tables themselves: no phone of a senior, no other supporter's row.
		const phones = await t.db.sqlAs!(user, 'select phone from public.participants').catch(() => []);
		expect(phones).toEqual([]);
		const rows = await t.db.select(user, 'supporters');
		expect(rows.map((r) => r.id)).toEqual([id]);
		expect(JSON.stringify(rows)).not.toContain(other.id);
		expect(await codeOf(supporters.forSession(as(user), session.id))).toBe('session_not_found');
		expect(await codeOf(supporters.roster(as(user), townA))).toBe('not_allowed');
		expect(await codeOf(as(user).rpc('office_registrations', { p_session_id: session.id }))).toBe('session_not_found');
	});

	it.skipIf(!available)('are certified and assigned by town A’s staff only when they list town A', async () => {
		const fromB = await certifiedSupporter('from-b', { municipality_code: townB }, { certify: false });
		const sessionA = await sessionOfTown(townA, 14);
		expect(await codeOf(supporters.recordTraining(as(t.w.users.staffA), fromB.id, 'basic', '2026-06-01'))).toBe('supporter_not_found');
		await supporters.recordTraining(as(t.w.users.staffB), fromB.id, 'basic', '2026-06-01');
		expect(await codeOf(supporters.staff(as(t.w.users.staffA), sessionA.id, fromB.id, 'ask'))).toBe('supporter_not_found');
		expect(await codeOf(supporters.offerHelp(as(fromB.user), sessionA.id))).toBe('session_not_found');
		expect((await supporters.roster(as(t.w.users.staffA), townA)).map((r) => r.id)).not.toContain(fromB.id);
		// Staff of town B cannot assign anyone to town A's class either.
		expect(await codeOf(supporters.staff(as(t.w.users.staffB), sessionA.id, fromB.id, 'ask'))).toBe('session_not_found');

		// Once they list town A, its staff see them, may record their course and ask them.
		await supporters.saveMine(as(fromB.user), profile({ municipality_code: townB, travel_codes: [townA] }));
		expect((await supporters.roster(as(t.w.users.staffA), townA)).find((r) => r.id === fromB.id)).toMatchObject({ home: false, certified: true });
		await supporters.recordTraining(as(t.w.users.staffA), fromB.id, 'step_up', '2026-09-01');
		expect(await supporters.staff(as(t.w.users.staffA), sessionA.id, fromB.id, 'ask')).toMatchObject({ status: 'asked', supporters_confirmed: 0 });
		expect(await supporters.offerHelp(as(fromB.user), sessionA.id)).toEqual({ status: 'assigned' });
		expect((await supporters.mine(as(fromB.user)))?.lead).toBe(true);
		// A supporter never records their own course, even as staff of a town.
		expect(await codeOf(supporters.recordTraining(as(fromB.user), fromB.id, 'basic', '2026-06-01'))).toBe('supporter_not_found');
	});

	it.skipIf(!available)('withdraw until 17:00 the day before, and not after', async () => {
		const { user } = await certifiedSupporter('withdrawer');
		const later = await sessionOfTown(townA, 5);
		await supporters.offerHelp(as(user), later.id);
		expect(await supporters.withdrawHelp(as(user), later.id)).toEqual({ status: 'withdrawn' });
		expect(await supporters.offerHelp(as(user), later.id)).toEqual({ status: 'offered' });
		// A class starting in 2 hours: the deadline (17:00 the day before) has passed.
		const soon = await sessionOfTown(townA, 2 / 24);
		await supporters.offerHelp(as(user), soon.id);
		expect(await codeOf(supporters.withdrawHelp(as(user), soon.id))).toBe('withdraw_closed');
		// Nor by writing the row directly, which the policies otherwise allow a supporter.
		await expect(t.db.update(user, 'session_staffing', { session_id: soon.id }, { status: 'withdrawn' })).rejects.toThrow(/not_allowed/);
		await expect(t.db.update(user, 'supporters', { user_id: user.id }, { skills: ['<script>'] })).rejects.toThrow(/check/);
		const [row] = await t.db.select(user, 'session_staffing', { session_id: soon.id });
		expect(row?.status).toBe('offered');
	});

	it.skipIf(!available)('suggest supporters for a session by skill, then by how often they helped lately', async () => {
		const session = await sessionOfTown(townA, 20);
		// The half day it starts in, as a supporter would tick it.
		const at = new Date(session.starts_at);
		const slot = `${['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(at.getTime() + 9 * 3_600_000).getUTCDay()]}_${(at.getUTCHours() + 9) % 24 < 12 ? 'am' : 'pm'}`;
		const skilled = await certifiedSupporter('skilled', { skills: ['line'], availability: [] });
		const skilledThen = await certifiedSupporter('skilled-then', { skills: ['line'], availability: [slot] });
		const unskilled = await certifiedSupporter('unskilled', { skills: ['photos'], availability: [slot] });
		await supporters.recordTraining(as(t.w.users.staffA), skilled.id, 'step_up', '2026-07-01');
		const { suggestions } = await supporters.forSession(as(t.w.users.staffA), session.id);
		const order = suggestions.map((s) => s.supporter_id);
		expect(order.indexOf(skilledThen.id)).toBeGreaterThanOrEqual(0);
		expect(order.indexOf(skilledThen.id)).toBeLessThan(order.indexOf(skilled.id));
		expect(order.indexOf(skilled.id)).toBeLessThan(order.indexOf(unskilled.id));
		expect(suggestions.find((s) => s.supporter_id === skilledThen.id)).toMatchObject({ skill_match: true, time_match: true, lead: false, distance_km: expect.any(Number) });
		expect(suggestions.find((s) => s.supporter_id === skilled.id)).toMatchObject({ time_match: false, lead: true });
		// The supporter's own list puts it first too, marked as at their usual time.
		expect((await supporters.sessionsForMe(as(skilledThen.user))).open.find((s) => s.id === session.id)).toMatchObject({ skill_match: true, time_match: true });
		expect(await codeOf(supporters.forSession(as(t.w.users.staffB), session.id))).toBe('session_not_found');
	});

	it.skipIf(!available)('import a course’s 300-row list with 5 bad rows: 295 recorded and 5 reported, or none at all', { timeout: 120_000 }, async () => {
		// 295 supporters of town A, with accounts (made directly: 295 password hashes would only be slow).
		const ids: string[] = [];
		const users = Array.from({ length: 295 }, (_, i) => ({ id: randomUUID(), email: `course-${i}-${randomUUID().slice(0, 6)}@test.example` }));
		const profiles = users.map((u, i) => ({ id: randomUUID(), user_id: u.id, municipality_code: townA, display_name: `受講 ${i}`, kana: 'じゅこう', active: true }));
		ids.push(...profiles.map((p) => p.id));
		const values = users.map((u) => `('${u.id}', '${u.email}')`).join(', ');
		await t.db.sql!(`insert into auth.users (id, email) values ${values}`);
		await as(serviceRole).rpc('import_dataset', { p_data: { supporters: profiles } });

		const rows = users.map((u, i) => ({ row: i + 2, email: i % 2 === 0 ? u.email.toUpperCase() : '', name: i % 2 === 0 ? '' : `受講 ${i}` }));
		const bad = [
			{ row: 297, email: 'nobody@test.example', name: '' },
			{ row: 298, email: '', name: '' },
			{ row: 299, email: users[0]!.email, name: '' },
			{ row: 300, email: '', name: 'サポーターB' },
			{ row: 301, email: '', name: '<script>alert(1)</script>' }
		];
		const list = [...rows, ...bad];
		const before = await t.db.select(serviceRole, 'supporter_trainings', { course: 'step_up' });

		const none = await supporters.importTraining(as(t.w.users.staffA), 'step_up', '2026-10-01', list, true);
		expect(none.imported).toBe(0);
		expect(none.errors).toEqual([
			{ row: 297, reason: 'no_such_supporter' }, { row: 298, reason: 'email_or_name_required' }, { row: 299, reason: 'duplicate_row' },
			{ row: 300, reason: 'no_such_supporter' }, { row: 301, reason: 'no_such_supporter' }
		]);
		expect(await t.db.select(serviceRole, 'supporter_trainings', { course: 'step_up' })).toHaveLength(before.length);

		const some = await supporters.importTraining(as(t.w.users.staffA), 'step_up', '2026-10-01', list, false);
		expect(some.imported).toBe(295);
		expect(some.errors.map((e) => e.row)).toEqual([297, 298, 299, 300, 301]);
		const recorded = (await t.db.select(serviceRole, 'supporter_trainings', { course: 'step_up' })).filter((r) => ids.includes(r.supporter_id as string));
		expect(recorded).toHaveLength(295);
		expect(recorded.every((r) => r.certified_by === t.w.users.staffA.id && r.completed_on)).toBe(true);
		// Town B's staff reach none of them.
		const theirs = await supporters.importTraining(as(t.w.users.staffB), 'basic', '2026-10-01', rows.slice(0, 3), false);
		expect(theirs).toMatchObject({ imported: 0 });
		expect(await codeOf(supporters.importTraining(as(t.w.users.staffA), 'no_such_course', '2026-10-01', rows, false))).toBe('course_required');
		expect(await codeOf(supporters.importTraining(as(t.w.users.staffA), 'basic', '2099-01-01', rows, false))).toBe('completed_on_invalid');
	});

	it.skipIf(!available)('give each supporter a private calendar address, which renewing revokes', async () => {
		const { user, id } = await certifiedSupporter('calendar');
		const session = await sessionOfTown(townA, 9);
		await supporters.offerHelp(as(user), session.id);
		await supporters.staff(as(t.w.users.staffA), session.id, id, 'assign');
		const token = await supporters.calendarToken(as(user));
		expect(await supporters.calendarToken(as(user))).toBe(token);
		expect((await supporters.calendar(as(serviceRole), token))?.map((e) => e.id)).toContain(session.id);
		expect(await codeOf(supporters.calendar(as(user), token))).toBe('not_allowed');
		const renewed = await supporters.calendarToken(as(user), true);
		expect(renewed).not.toBe(token);
		expect(await supporters.calendar(as(serviceRole), token)).toBeNull();
		expect(await supporters.calendar(as(serviceRole), 'x'.repeat(500))).toBeNull();
		expect(await codeOf(supporters.calendarToken(as(t.w.users.member)))).toBe('not_a_supporter');
	});

	it.skipIf(!available)('count the classes a supporter came to and their hours per fiscal year, as staff confirmed them after the class', async () => {
		const { user, id } = await certifiedSupporter('activity');
		// Classes of last fiscal year (a fixed, finished year), and one just before it began:
		// 31 March, 23:00 in Japan, which is still the year before.
		const at = (iso: string, minutes: number) => ({ starts_at: new Date(iso).toISOString(), ends_at: new Date(Date.parse(iso) + minutes * 60_000).toISOString() });
		const fiscalYear = fiscalYearOf(new Date()) - 1;
		const past = [
			{ ...at(`${fiscalYear}-10-05T10:00:00+09:00`, 90), title: '終わった教室1' },
			{ ...at(`${fiscalYear + 1}-03-31T23:00:00+09:00`, 120), title: '終わった教室2' },
			{ ...at(`${fiscalYear}-03-31T23:00:00+09:00`, 60), title: '前の年度の教室' }
		].map((p) => ({ id: randomUUID(), municipality_code: townA, venue_id: t.w.venues.venueA.id, topic_id: 'line', status: 'published', capacity: 8, ...p }));
		await as(serviceRole).rpc('import_dataset', {
			p_data: { sessions: past, session_staffing: past.map((p) => ({ session_id: p.id, municipality_code: townA, supporter_id: id, status: 'assigned' })) }
		});
		const future = await sessionOfTown(townA, 3);
		await supporters.offerHelp(as(user), future.id);
		await supporters.staff(as(t.w.users.staffA), future.id, id, 'assign');

		const staff = as(t.w.users.staffA);
		expect(await supporters.recordActivity(staff, past[0]!.id, id, true, null)).toEqual({ attended: true, minutes_helped: 90 });
		expect(await supporters.recordActivity(staff, past[1]!.id, id, true, 100)).toEqual({ attended: true, minutes_helped: 100 });
		await supporters.recordActivity(staff, past[2]!.id, id, true, null);
		expect(await codeOf(supporters.recordActivity(staff, future.id, id, true, null))).toBe('session_not_begun');
		expect(await codeOf(supporters.recordActivity(staff, past[0]!.id, id, true, 0))).toBe('minutes_invalid');
		expect(await codeOf(supporters.recordActivity(as(t.w.users.staffB), past[0]!.id, id, true, 60))).toBe('session_not_found');
		expect(await codeOf(supporters.recordActivity(as(user), past[0]!.id, id, true, 600))).toBe('session_not_found');

		const year = await supporters.activity(as(user), fiscalYear);
		expect(year).toMatchObject({ count: 2, minutes: 190, fiscal_year: fiscalYear });
		expect(year.sessions.map((s) => s.title)).toEqual(['終わった教室1', '終わった教室2']);
		expect(await supporters.activity(as(user), fiscalYear - 1)).toMatchObject({ count: 1, minutes: 60 });
		// Did not come after all: out of the count.
		await supporters.recordActivity(staff, past[1]!.id, id, false, null);
		expect(await supporters.activity(as(user), fiscalYear)).toMatchObject({ count: 1, minutes: 90 });
		expect(await codeOf(supporters.activity(as(t.w.users.member), fiscalYear))).toBe('not_a_supporter');
	});

	it.skipIf(!available)('let the prefecture admin add a course of its own, which staff then record', async () => {
		const { user, id } = await certifiedSupporter('course');
		expect(await codeOf(supporters.addCourse(as(t.w.users.staffA), '07', 'スマホ防災研修', ''))).toBe('not_allowed');
		expect(await codeOf(supporters.addCourse(as(t.w.users.admin), '13', 'よその県の研修', ''))).toBe('not_allowed');
		expect(await codeOf(supporters.addCourse(as(t.w.users.admin), '07', '<b>研修</b>', ''))).toBe('course_name_invalid');
		const { code } = await supporters.addCourse(as(t.w.users.admin), '07', 'スマホ防災研修', 'Disaster apps course');
		expect(await codeOf(supporters.addCourse(as(t.w.users.admin), '07', 'スマホ防災研修', ''))).toBe('course_exists');
		expect((await supporters.courses(as(t.w.users.staffA))).map((c) => c.name_ja)).toContain('スマホ防災研修');
		await supporters.recordTraining(as(t.w.users.staffA), id, code, '2026-08-01');
		expect((await supporters.mine(as(user)))?.trainings.map((t) => t.name_en)).toContain('Disaster apps course');
	});

	it.skipIf(!available)('keep a class past its deadline when a supporter steps back, but not when staff put them on a break', async () => {
		const { user, id } = await certifiedSupporter('stepping-back');
		const soon = await sessionOfTown(townA, 2 / 24);
		const later = await sessionOfTown(townA, 9);
		for (const s of [soon, later]) {
			await supporters.offerHelp(as(user), s.id);
			await supporters.staff(as(t.w.users.staffA), s.id, id, 'assign');
		}
		expect(await supporters.setMyActive(as(user), false)).toEqual({ status: 'inactive', kept: 1 });
		const mine = (await t.db.select(serviceRole, 'session_staffing', { supporter_id: id })).map((r) => [r.session_id, r.status]);
		expect(mine).toEqual(expect.arrayContaining([[soon.id, 'assigned'], [later.id, 'withdrawn']]));
		await supporters.setMyActive(as(user), true);
		await supporters.setActive(as(t.w.users.staffA), id, false);
		expect((await t.db.select(serviceRole, 'session_staffing', { supporter_id: id, session_id: soon.id }))[0]?.status).toBe('withdrawn');
	});

	it.skipIf(!available)('lead only when certified; staff change nobody once a class has begun, and decline only an offer', async () => {
		const { user, id } = await certifiedSupporter('step-up-only', {}, { certify: false });
		await supporters.recordTraining(as(t.w.users.staffA), id, 'step_up', '2026-07-01');
		expect(await supporters.mine(as(user))).toMatchObject({ certified: false, lead: false });
		await supporters.recordTraining(as(t.w.users.staffA), id, 'basic', '2026-06-01');
		expect(await supporters.mine(as(user))).toMatchObject({ certified: true, lead: true });

		const other = await certifiedSupporter('never-offered');
		const session = await sessionOfTown(townA, 6);
		expect(await codeOf(supporters.staff(as(t.w.users.staffA), session.id, other.id, 'decline'))).toBe('offer_not_found');
		// A request may be turned down until the class starts, even after 17:00 the day before.
		const soon = await sessionOfTown(townA, 2 / 24);
		await supporters.staff(as(t.w.users.staffA), soon.id, id, 'ask');
		expect(await supporters.withdrawHelp(as(user), soon.id)).toEqual({ status: 'withdrawn' });
		// Begun: who helped is recorded, not changed.
		const begun = await sessionOfTown(townA, -0.2);
		expect(await codeOf(supporters.staff(as(t.w.users.staffA), begun.id, id, 'ask'))).toBe('session_started');
	});
});
