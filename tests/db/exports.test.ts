import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceRole, type Caller } from '../../src/lib/server/db/port.ts';
import * as staffExports from '../../src/lib/server/exports.ts';
import { fiscalYearOf } from '../../src/lib/domain/wareki.ts';
import { codeOf } from './error-code.ts';
import { backendCases, type Row } from './harness.ts';
import { townA, worldOn } from './world.ts';

// Staff exports (issue 11, item 5): who may export which town's rows, names only for the
// town's own staff, and counts equal to a count made here from the rows themselves.

describe.each(backendCases)('staff exports on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const as = (caller: Caller) => t.db.backend.as(caller);
	const code = () => `EX${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`;

	/**
	 * Yesterday's class in town A: three confirmed (one erased by retention, one a duplicate
	 * staff merged into an 85+ record), one waiting, one cancelled; two marked present and
	 * one absent; a walk-in; a supporter assigned.
	 */
	async function plantClass() {
		const starts = new Date(Date.now() - 86_400_000);
		const session = {
			id: randomUUID(), municipality_code: townA, venue_id: t.w.venues.venueA.id, topic_id: 'photos', title: '書き出す教室',
			status: 'published', capacity: 3, starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 5_400_000).toISOString()
		};
		const person = (i: number, age: string) => ({
			id: randomUUID(), municipality_code: townA, full_name: `書出 ${i}郎`, name_kana: `かきだし ${'あいうえおか'[i]}`,
			phone: `0245${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`, age_band: age
		});
		const people = [person(0, '75_84'), person(1, 'under_65'), person(2, '65_74'), person(3, '85_plus'), person(4, '75_84'), person(5, '65_74')];
		const survivor = { ...person(0, '85_plus'), full_name: '書出 本人', name_kana: 'かきだし ほんにん' };
		const registration = (p: { id: string }, status: string, device = 'android', channel = 'phone') => ({
			id: randomUUID(), session_id: session.id, municipality_code: townA, participant_id: p.id, status, device, channel,
			confirmation_code: code(), consented_at: new Date().toISOString(),
			// Every row names every column: import_dataset takes the columns from the first.
			cancelled_at: status === 'cancelled' ? new Date().toISOString() : null
		});
		const registrations = [
			registration(people[0]!, 'confirmed', 'iphone', 'web'), registration(people[1]!, 'confirmed'), registration(people[2]!, 'confirmed', 'none', 'counter'),
			registration(people[3]!, 'waitlisted'), registration(people[4]!, 'cancelled')
		];
		const mark = (p: { id: string }, attended: boolean, registrationId: string | null, walkIn = false) => ({
			id: randomUUID(), session_id: session.id, municipality_code: townA, participant_id: p.id, registration_id: registrationId,
			attended, walk_in: walkIn, nonce: randomUUID()
		});
		const attendance = [mark(people[0]!, true, registrations[0]!.id), mark(people[1]!, true, registrations[1]!.id), mark(people[2]!, false, registrations[2]!.id), mark(people[5]!, true, null, true)];
		await as(serviceRole).rpc('import_dataset', {
			p_data: {
				sessions: [session], participants: [survivor, ...people], registrations, attendance,
				session_staffing: [{ session_id: session.id, municipality_code: townA, supporter_id: t.w.supporters.supporterProfileA.id, status: 'assigned' }]
			}
		});
		await t.db.sql?.(`update public.participants set merged_into = $1 where id = $2`, [survivor.id, people[0]!.id]);
		// Retention erased the one who came to the counter.
		await t.db.sql?.(`update public.participants set full_name = null, name_kana = null, phone = null, erased_at = now() where id = $1`, [people[2]!.id]);
		return { session, people, registrations, year: fiscalYearOf(starts) };
	}

	it.skipIf(!available || backend.name === 'supabase')('counts each session of the year as the rows themselves do', async () => {
		const { session, year } = await plantClass();
		const data = await staffExports.sessions(as(t.w.users.staffA), townA, year);
		expect(data.municipality).toMatchObject({ code: townA });

		// Brute force, from every row of the town.
		const all = async (table: string) => (await t.db.select(serviceRole, table, { municipality_code: townA })) as Row[];
		const [sessions, registrations, attendance, participants, staffing] = await Promise.all(
			['sessions', 'registrations', 'attendance', 'participants', 'session_staffing'].map(all)
		) as [Row[], Row[], Row[], Row[], Row[]];
		const personOf = new Map(participants.map((p) => [p.id, p]));
		const ageOf = (id: unknown) => {
			const p = personOf.get(id)!;
			return (p.merged_into ? personOf.get(p.merged_into)! : p).age_band;
		};
		const inYear = sessions.filter((s) => fiscalYearOf(new Date(String(s.starts_at))) === year)
			.sort((a, b) => Date.parse(String(a.starts_at)) - Date.parse(String(b.starts_at)) || String(a.id).localeCompare(String(b.id)));
		expect(data.sessions.map((s) => s.id)).toEqual(inYear.map((s) => s.id));
		for (const s of inYear) {
			const present = attendance.filter((a) => a.session_id === s.id && a.attended);
			expect(data.sessions.find((x) => x.id === s.id)).toMatchObject({
				capacity: s.capacity, status: s.status,
				confirmed: registrations.filter((r) => r.session_id === s.id && r.status === 'confirmed').length,
				waitlisted: registrations.filter((r) => r.session_id === s.id && r.status === 'waitlisted').length,
				present: present.length,
				seniors_present: present.filter((a) => ageOf(a.participant_id) !== 'under_65').length,
				walk_ins: present.filter((a) => a.walk_in).length,
				supporters_assigned: staffing.filter((st) => st.session_id === s.id && st.status === 'assigned').length
			});
		}
		// The planted class as planned: person 0 counts as the 85+ record they were merged into.
		expect(data.sessions.find((s) => s.id === session.id)).toMatchObject({ confirmed: 3, waitlisted: 1, present: 3, seniors_present: 2, walk_ins: 1, supporters_assigned: 1 });
		// The prefecture's admin reads the same file.
		expect(await staffExports.sessions(as(t.w.users.admin), townA, year)).toEqual(data);
	});

	it.skipIf(!available || backend.name === 'supabase')('lists a session’s people numbered, without names unless the town’s own staff ask for them', async () => {
		const { session, people, year } = await plantClass();
		const bare = await staffExports.attendance(as(t.w.users.staffA), session.id, false);
		expect(bare.with_names).toBe(false);
		expect(bare.rows.map((r) => [r.row_number, r.kind, r.channel, r.device, r.attended, r.walk_in, r.age_band])).toEqual([
			[1, 'confirmed', 'web', 'iphone', true, false, '85_plus'],
			[2, 'confirmed', 'phone', 'android', true, false, 'under_65'],
			[3, 'confirmed', 'counter', 'none', false, false, '65_74'],
			[4, 'waitlisted', 'phone', 'android', null, false, '85_plus'],
			[5, 'walk_in', null, null, true, true, '65_74']
		]);
		// No name, reading or phone number: neither the keys nor the values.
		for (const row of bare.rows) expect(Object.keys(row).sort()).toEqual(['age_band', 'attended', 'channel', 'device', 'kind', 'needs_loaner', 'row_number', 'walk_in']);
		const text = JSON.stringify(bare);
		for (const p of people) {
			expect(text).not.toContain(p.full_name);
			expect(text).not.toContain(p.phone);
		}
		// Present in the list equals present in the sessions export.
		const sessions = await staffExports.sessions(as(t.w.users.staffA), townA, year);
		expect(bare.rows.filter((r) => r.attended).length).toBe(sessions.sessions.find((s) => s.id === session.id)!.present);

		const named = await staffExports.attendance(as(t.w.users.staffA), session.id, true);
		expect(named.with_names).toBe(true);
		expect(named.rows.map((r) => r.full_name)).toEqual([people[0]!.full_name, people[1]!.full_name, null, people[3]!.full_name, people[5]!.full_name]);
		expect(named.rows[1]).toMatchObject({ name_kana: people[1]!.name_kana, phone: people[1]!.phone });
		// Erased by retention: the row and its count stay, the name and number do not.
		expect(named.rows[2]).toMatchObject({ full_name: null, name_kana: null, phone: null, attended: false });

		// The prefecture's admin: the counts, not the people.
		expect((await staffExports.attendance(as(t.w.users.admin), session.id, false)).rows).toEqual(bare.rows);
		expect(await codeOf(staffExports.attendance(as(t.w.users.admin), session.id, true))).toBe('not_allowed');
	});

	it.skipIf(!available || backend.name === 'supabase')('refuses another town’s staff, supporters and other accounts', async () => {
		const { session, year } = await plantClass();
		for (const caller of [t.w.users.staffB, t.w.users.supporterA, t.w.users.member]) {
			expect(await codeOf(staffExports.sessions(as(caller), townA, year))).toBe('not_allowed');
			expect(await codeOf(staffExports.attendance(as(caller), session.id, false))).toBe('not_allowed');
			expect(await codeOf(staffExports.attendance(as(caller), session.id, true))).toBe('not_allowed');
			expect(await codeOf(staffExports.choices(as(caller), townA))).toBe('not_allowed');
		}
		expect(await codeOf(staffExports.attendance(as(t.w.users.staffA), randomUUID(), false))).toBe('session_not_found');
		expect(await codeOf(staffExports.sessions(as(t.w.users.staffA), townA, 1899))).toBe('fiscal_year_invalid');
		expect(await codeOf(staffExports.sessions(as(t.w.users.staffA), '../', year))).toBe('not_allowed');
	});

	it.skipIf(!available)('offers this fiscal year, the last, and the years with a session', async () => {
		const choices = await staffExports.choices(as(t.w.users.staffA), townA);
		const now = fiscalYearOf(new Date());
		expect(choices.municipality).toMatchObject({ code: townA, prefecture_code: '07' });
		expect(choices.current_fiscal_year).toBe(now);
		expect(choices.fiscal_years.slice(0, 2).sort()).toContain(now);
		expect(choices.fiscal_years).toContain(now - 1);
		expect([...choices.fiscal_years].sort((a, b) => b - a)).toEqual(choices.fiscal_years);
	});
});
