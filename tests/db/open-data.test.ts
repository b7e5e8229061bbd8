import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anon, serviceRole } from '../../src/lib/server/db/port.ts';
import { fiscalYearOf } from '../../src/lib/domain/wareki.ts';
import type { OpenEvent, OpenParticipation } from '../../src/lib/server/open-data.ts';
import { backendCases } from './harness.ts';
import { townA, townB, worldOn } from './world.ts';

// Open data (issue 11): what anyone may download. Only published classes, no field about a
// person, and counts that equal a brute-force count of the rows, with 1–4 never shown.

const eventKeys = ['access', 'address', 'capacity', 'closes_date', 'closes_time', 'contact_phone', 'description', 'end_date', 'end_time', 'fee_yen', 'format', 'id',
	'lat', 'lng', 'municipality_code', 'municipality_kind', 'municipality_name', 'no', 'parking', 'prefecture_name', 'start_date', 'start_time', 'title', 'topic',
	'venue_name', 'what_to_bring'];
const participationKeys = ['attendances', 'counted_on', 'fiscal_year', 'in_progress', 'municipality_code', 'municipality_name', 'prefecture_name', 'senior_participants',
	'sessions_held', 'suppressed'];

const townC = '072036'; // 郡山市: classes of this year and the last, for the event list
// Towns for the counts, last fiscal year: nobody came, 3 came, 5 came, many came; and one with 2 classes.
const nobody = '072052'; // 白河市
const three = '072079'; // 須賀川市
const five = '072087'; // 喜多方市
const many = '072095'; // 相馬市
const twoClasses = '072109'; // 二本松市

describe.each(backendCases)('open data on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const service = () => t.db.backend.as(serviceRole);
	const thisYear = fiscalYearOf(new Date());
	const lastYear = thisYear - 1;
	let phone = 5000;
	const person = (code: string, age_band: string) => ({
		id: randomUUID(), municipality_code: code, full_name: `秘密 ${++phone}`, name_kana: `ひみつ ${phone}`, phone: `090-7777-${phone}`, age_band
	});
	const venue = (code: string) => ({ id: randomUUID(), municipality_code: code, name: `会場 ${code}`, address: `${code} 見本町1-1`, lat: 37.4, lng: 140.3 });
	const session = (code: string, venueId: string, startsAt: string, status = 'published', title = `教室 ${code}`) => ({
		id: randomUUID(), municipality_code: code, venue_id: venueId, topic_id: 'line', title, status, capacity: 40, contact_phone: '024-000-1234',
		starts_at: new Date(startsAt).toISOString(), ends_at: new Date(Date.parse(startsAt) + 90 * 60_000).toISOString()
	});

	it.skipIf(!available)('lists published classes from the start of this fiscal year, for all towns or one, with no field about a person', async () => {
		const v = venue(townC);
		const fyStart = Date.parse(`${thisYear}-04-01T00:00:00+09:00`);
		const early = session(townC, v.id, new Date(fyStart + 3_600_000).toISOString(), 'published', '年度はじめの教室');
		const lastYears = session(townC, v.id, new Date(fyStart - 86_400_000).toISOString(), 'published', '去年度の教室');
		const soon = session(townC, v.id, new Date(Date.now() + 5 * 86_400_000).toISOString(), 'published', 'もうすぐの教室');
		const draft = session(townC, v.id, new Date(Date.now() + 6 * 86_400_000).toISOString(), 'draft', '下書き');
		const cancelled = { ...session(townC, v.id, new Date(Date.now() + 7 * 86_400_000).toISOString(), 'cancelled', '中止'), cancel_reason: '雪のため' };
		const registered = person(townC, '75_84');
		await service().rpc('import_dataset', {
			p_data: {
				venues: [v], sessions: [early, lastYears, soon, draft, cancelled], participants: [registered],
				registrations: [{ id: randomUUID(), session_id: soon.id, municipality_code: townC, participant_id: registered.id, status: 'confirmed', device: 'none',
					channel: 'phone', confirmation_code: `OD${randomUUID().slice(0, 6).toUpperCase().replace(/-/g, '0')}`, consented_at: new Date().toISOString(), staff_note: '耳が遠い' }]
			}
		});

		const all = (await t.db.backend.as(anon).rpc<OpenEvent[]>('open_data_events', {}))!;
		const ids = all.map((e) => e.id);
		expect(ids).toEqual(expect.arrayContaining([t.w.sessions.publishedA.id, t.w.sessions.publishedB.id, early.id, soon.id]));
		for (const hidden of [t.w.sessions.draftA.id, t.w.sessions.draftB.id, draft.id, cancelled.id, lastYears.id]) expect(ids).not.toContain(hidden);
		expect(all).toHaveLength(4);
		for (const event of all) {
			expect(Object.keys(event).sort()).toEqual(eventKeys);
			expect(event.start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(event.closes_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect([event.start_time, event.end_time, event.closes_time]).toEqual([expect.stringMatching(/^\d{2}:\d{2}$/), expect.stringMatching(/^\d{2}:\d{2}$/), expect.stringMatching(/^\d{2}:\d{2}$/)]);
		}
		// Names, readings, phones and notes of seniors and supporters appear nowhere.
		const text = JSON.stringify(all);
		for (const secret of [registered.full_name, registered.phone, '耳が遠い', t.w.seniors.seniorA.full_name, t.w.seniors.seniorA.phone, t.w.supporters.supporterProfileA.phone, t.w.users.staffA.email]) {
			expect(text).not.toContain(secret);
		}
		// Japan time: the class at 01:00 on 1 April is on 1 April, however the server's clock is set.
		expect(all.find((e) => e.id === early.id)).toMatchObject({ start_date: `${thisYear}-04-01`, start_time: '01:00', end_time: '02:30', municipality_name: '郡山市', prefecture_name: '福島県',
			venue_name: v.name, lat: '37.40000', fee_yen: 0, contact_phone: '024-000-1234', capacity: 40, closes_date: `${thisYear}-04-01`, closes_time: '01:00' });

		// One town's file holds its classes only; an unknown code is no town at all.
		const mine = (await t.db.backend.as(anon).rpc<OpenEvent[]>('open_data_events', { p_municipality_code: townC }))!;
		expect(mine.map((e) => e.id)).toEqual([early.id, soon.id]);
		expect(await t.db.backend.as(anon).rpc('open_data_events', { p_municipality_code: '072044' })).toEqual([]);
		expect(await t.db.backend.as(anon).rpc('open_data_events', { p_municipality_code: '999999' })).toBeNull();
		expect(await t.db.backend.as(t.w.users.member).rpc('open_data_events', { p_municipality_code: townC })).toEqual(mine);

		// A class keeps its number when one is added before it, and numbers do not repeat in a town.
		const earlier = session(townC, v.id, new Date(fyStart + 2 * 3_600_000).toISOString(), 'published', 'あとから足した教室');
		await service().rpc('import_dataset', { p_data: { sessions: [earlier] } });
		const again = (await t.db.backend.as(anon).rpc<OpenEvent[]>('open_data_events', { p_municipality_code: townC }))!;
		expect(again.map((e) => e.id)).toEqual([early.id, earlier.id, soon.id]);
		for (const event of mine) expect(again.find((e) => e.id === event.id)!.no).toBe(event.no);
		expect(new Set(again.map((e) => e.no)).size).toBe(3);
		const towns = new Set(all.map((e) => e.municipality_code));
		expect([...towns].sort()).toEqual([townA, townB, townC].sort());
	});

	it.skipIf(!available)('counts held classes, attendances and seniors per town and year as a brute-force count does, and never shows 1 to 4', async () => {
		const at = (n: number) => new Date(Date.parse(`${lastYear}-06-01T10:00:00+09:00`) + n * 86_400_000).toISOString();
		const venues = [nobody, three, five, many, twoClasses].map(venue);
		const venueOf = (code: string) => venues.find((v) => v.municipality_code === code)!.id;
		const sessions = [
			...Array.from({ length: 5 }, (_, i) => session(nobody, venueOf(nobody), at(i))),
			...Array.from({ length: 5 }, (_, i) => session(three, venueOf(three), at(i))),
			...Array.from({ length: 6 }, (_, i) => session(five, venueOf(five), at(i))),
			...Array.from({ length: 12 }, (_, i) => session(many, venueOf(many), at(i * 20))),
			...Array.from({ length: 2 }, (_, i) => session(twoClasses, venueOf(twoClasses), at(i))),
			// Not held: a draft and a cancelled class (with marks that must not count), and one still to come.
			session(many, venueOf(many), at(3), 'draft'),
			session(many, venueOf(many), at(4), 'cancelled'),
			session(many, venueOf(many), new Date(Date.now() + 30 * 86_400_000).toISOString())
		];
		const inTown = (code: string) => sessions.filter((s) => s.municipality_code === code);
		const people = [
			...Array.from({ length: 2 }, () => person(nobody, '65_74')),
			...Array.from({ length: 3 }, () => person(three, '75_84')),
			...Array.from({ length: 5 }, () => person(five, '85_plus')), person(five, 'under_65'),
			...Array.from({ length: 40 }, (_, i) => person(many, ['65_74', '75_84', '85_plus', 'under_65'][i % 4]!)),
			...Array.from({ length: 3 }, () => person(twoClasses, '65_74'))
		];
		const townPeople = (code: string) => people.filter((p) => p.municipality_code === code);
		// In the busy town, six records are duplicates that staff merged into another record.
		const manyPeople = townPeople(many);
		const merges = manyPeople.slice(34).map((p, i) => ({ id: p.id, survivor: manyPeople[i]!.id }));
		const attendance: { id: string; session_id: string; municipality_code: string; participant_id: string; attended: boolean; nonce: string; walk_in?: boolean }[] = [];
		const mark = (s: { id: string; municipality_code: string }, p: { id: string }, attended = true) =>
			attendance.push({ id: randomUUID(), session_id: s.id, municipality_code: s.municipality_code, participant_id: p.id, attended, nonce: randomUUID(), walk_in: true });
		for (const s of inTown(nobody)) for (const p of townPeople(nobody)) mark(s, p, false);
		townPeople(three).forEach((p, i) => mark(inTown(three)[i]!, p));
		townPeople(five).forEach((p, i) => mark(inTown(five)[i]!, p));
		inTown(many).forEach((s, i) => manyPeople.forEach((p, j) => (i + j) % 3 !== 0 && mark(s, p, (i * j) % 7 !== 1)));
		townPeople(twoClasses).forEach((p) => mark(inTown(twoClasses)[0]!, p));
		await service().rpc('import_dataset', { p_data: { venues, sessions, participants: people } });
		await t.db.sql!(`update public.participants p set merged_into = m.survivor from jsonb_to_recordset($1::jsonb) as m (id uuid, survivor uuid) where p.id = m.id`, [JSON.stringify(merges)]);
		await service().rpc('import_dataset', { p_data: { attendance } });

		// Brute force, from the rows read back one by one (no counting in SQL).
		const rows = {
			sessions: await t.db.sql!(`select id, municipality_code, status, starts_at from public.sessions`) as { id: string; municipality_code: string; status: string; starts_at: string | Date }[],
			attendance: await t.db.sql!(`select session_id, participant_id, attended from public.attendance`) as { session_id: string; participant_id: string; attended: boolean }[],
			participants: await t.db.sql!(`select id, age_band, merged_into from public.participants`) as { id: string; age_band: string; merged_into: string | null }[],
			towns: await t.db.sql!(`select code from public.municipalities`) as { code: string }[]
		};
		const now = Date.now();
		const held = new Map(rows.sessions.filter((s) => s.status === 'published' && new Date(s.starts_at).getTime() < now)
			.map((s) => [s.id, { town: s.municipality_code, year: fiscalYearOf(new Date(s.starts_at)) }]));
		const participant = new Map(rows.participants.map((p) => [p.id, p]));
		const survivor = (id: string) => participant.get(participant.get(id)!.merged_into ?? id)!;
		const firstYear = Math.min(...[...held.values()].map((h) => h.year));
		expect(firstYear).toBe(lastYear);
		const expected = rows.towns.flatMap(({ code }) => Array.from({ length: thisYear - firstYear + 1 }, (_, i) => {
			const year = firstYear + i;
			const here = (id: string) => held.get(id)?.town === code && held.get(id)?.year === year;
			const present = rows.attendance.filter((a) => a.attended && here(a.session_id));
			const raw = {
				sessions_held: [...held.keys()].filter(here).length,
				attendances: present.length,
				senior_participants: new Set(present.map((a) => survivor(a.participant_id)).filter((p) => p.age_band !== 'under_65').map((p) => p.id)).size
			};
			const shown = (n: number) => (n >= 1 && n <= 4 ? null : n);
			return { municipality_code: code, fiscal_year: year, sessions_held: shown(raw.sessions_held), attendances: shown(raw.attendances),
				senior_participants: shown(raw.senior_participants), suppressed: Object.values(raw).some((n) => n >= 1 && n <= 4), in_progress: year === thisYear };
		}));

		const counted = await t.db.backend.as(anon).rpc<OpenParticipation[]>('open_data_participation');
		expect(counted).toHaveLength(59 * (thisYear - lastYear + 1));
		expect(counted.map(({ municipality_code, fiscal_year, sessions_held, attendances, senior_participants, suppressed, in_progress }) =>
			({ municipality_code, fiscal_year, sessions_held, attendances, senior_participants, suppressed, in_progress })))
			.toEqual(expect.arrayContaining(expected));
		expect(counted.length).toBe(expected.length);

		// The planted towns came out as planned: 0 is shown, 3 and 2 are not, 5 and many are.
		const last = (code: string) => counted.find((c) => c.municipality_code === code && c.fiscal_year === lastYear)!;
		expect(last(nobody)).toMatchObject({ sessions_held: 5, attendances: 0, senior_participants: 0, suppressed: false });
		expect(last(three)).toMatchObject({ sessions_held: 5, attendances: null, senior_participants: null, suppressed: true });
		expect(last(five)).toMatchObject({ sessions_held: 6, attendances: 6, senior_participants: 5, suppressed: false });
		expect(last(twoClasses)).toMatchObject({ sessions_held: null, attendances: null, senior_participants: null, suppressed: true });
		expect(last(many).attendances).toBeGreaterThan(100);
		expect(last(many).senior_participants).toBe(new Set(manyPeople.slice(0, 34).filter((p) => p.age_band !== 'under_65').map((p) => p.id)).size);

		// No count from 1 to 4 anywhere, and nothing but the counts and their labels.
		for (const row of counted) {
			expect(Object.keys(row).sort()).toEqual(participationKeys);
			for (const n of [row.sessions_held, row.attendances, row.senior_participants]) expect(n === null || n === 0 || n >= 5, `${row.municipality_code} ${row.fiscal_year}: ${n}`).toBe(true);
		}
		const text = JSON.stringify(counted);
		for (const p of people.slice(0, 12)) for (const secret of [p.full_name, p.phone, p.id]) expect(text).not.toContain(secret);
		expect(await t.db.backend.as(t.w.users.member).rpc('open_data_participation')).toEqual(counted);

		// Held classes are counted from a table the sessions' triggers keep (20261201001950): it
		// stays what the sessions say through one cancelled, one moved into this year and one deleted.
		const [cancel, move, remove] = inTown(nobody);
		await t.db.sql!(`update public.sessions set status = 'cancelled', cancel_reason = '試験' where id = $1`, [cancel!.id]);
		await t.db.sql!(`update public.sessions set starts_at = $2, ends_at = $3 where id = $1`,
			[move!.id, new Date(Date.parse(`${thisYear}-04-02T10:00:00+09:00`)).toISOString(), new Date(Date.parse(`${thisYear}-04-02T11:30:00+09:00`)).toISOString()]);
		await t.db.sql!(`delete from public.sessions where id = $1`, [remove!.id]);
		const drift = await t.db.sql!(`(select 'kept' as side, * from private.published_sessions where n <> 0 except select 'kept', * from private.published_sessions_source)
			union all (select 'fresh', * from private.published_sessions_source except select 'fresh', * from private.published_sessions where n <> 0)`);
		expect(drift).toEqual([]);
		const after = await t.db.backend.as(anon).rpc<OpenParticipation[]>('open_data_participation');
		const row = (year: number) => after.find((c) => c.municipality_code === nobody && c.fiscal_year === year)!;
		// Last year 5 − 3 = 2, this year 0 + 1: both now between 1 and 4.
		expect(counted.find((c) => c.municipality_code === nobody && c.fiscal_year === thisYear)).toMatchObject({ sessions_held: 0 });
		expect(row(lastYear)).toMatchObject({ sessions_held: null, suppressed: true });
		expect(row(thisYear)).toMatchObject({ sessions_held: null, suppressed: true });
		const [kept] = (await t.db.sql!(`select n::int from private.published_sessions where municipality_code = $1 and fiscal_year = $2`, [nobody, lastYear])) as { n: number }[];
		expect(kept).toEqual({ n: 2 });
	});
});
