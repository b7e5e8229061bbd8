import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { serviceRole, type Caller } from '../../src/lib/server/db/port.ts';
import { eraseExpiredPersonalData } from '../../src/lib/server/retention.ts';
import { fiscalYearOf } from '../../src/lib/domain/wareki.ts';
import type { Progress } from '../../src/lib/domain/progress.ts';
import { codeOf } from './error-code.ts';
import { shownNumbers } from './rendered-progress.ts';
import { backendCases } from './harness.ts';
import { townA, worldOn } from './world.ts';

// Progress toward targets (issue 11): a generated fiscal year (59 municipalities, 1,000
// sessions, 15,000 attendances, the same people planted in two towns and as duplicate records
// that staff merged), counted by SQL and, here, by brute force from the rows as generated.

/** A small deterministic generator, so that a failure can be run again as it was. */
function random(seed: number) {
	// mulberry32: 32-bit integer arithmetic throughout (Math.imul), so that no precision is lost.
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let x = Math.imul(state ^ (state >>> 15), 1 | state);
		x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
		return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
	};
}

describe.each(backendCases)('progress toward targets on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const as = (caller: Caller) => t.db.backend.as(caller);
	const year = fiscalYearOf(new Date()) - 1;
	/** Rows of the kept summaries that differ from a count made afresh from the facts (none, when they are exact). */
	const summaryDrift = async () => {
		const differ = (table: string, source: string, where = 'true') =>
			t.db.sql!(`(select 'kept' as side, * from ${table} where ${where} except select 'kept', * from ${source})
			           union all (select 'fresh', * from ${source} except select 'fresh', * from ${table} where ${where})`);
		return { people: await differ('private.progress_people', 'private.progress_people_source', `bands <> '{}'`), counts: await differ('private.progress_counts', 'private.progress_counts_source', 'n <> 0') };
	};

	it.skipIf(!available)('counts a generated year exactly as a brute-force count does, for the prefecture and each town', { timeout: 240_000 }, async () => {
		const rand = random(20_261_201);
		const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
		const towns = ((await t.db.sql!(`select code from public.municipalities where prefecture_code = '07' order by code`)) as { code: string }[]).map((r) => r.code);
		expect(towns).toHaveLength(59);
		// Six towns hold nothing this year.
		const holding = towns.filter((_, i) => i % 10 !== 3);
		const venues = holding.map((code) => ({ id: randomUUID(), municipality_code: code, name: `進捗会場 ${code}`, address: `${code} 見本町` }));
		const venueOf = new Map(venues.map((v) => [v.municipality_code, v.id]));
		const topics = ['basics', 'line', 'photos', 'fraud', 'my_number'];
		const start = Date.parse(`${year}-04-01T00:00:00+09:00`);
		const span = Date.parse(`${year + 1}-04-01T00:00:00+09:00`) - start;
		const sessions = Array.from({ length: 1000 }, (_, i) => {
			const code = pick(holding);
			const at = start + Math.floor(rand() * (span - 4 * 3_600_000));
			// A few cancelled and a few drafts, which are not held.
			const status = i % 50 === 7 ? 'cancelled' : i % 50 === 9 ? 'draft' : 'published';
			return { id: randomUUID(), municipality_code: code, venue_id: venueOf.get(code)!, topic_id: pick(topics), title: `進捗 ${i}`, status, capacity: 40,
				starts_at: new Date(at).toISOString(), ends_at: new Date(at + 5_400_000).toISOString() };
		});
		// People: 3,000, each in a home town; 300 also come to a second town (a record there with
		// the same phone and reading); 100 have a duplicate record at home under a misspelt
		// reading, which staff merged into the first.
		const ages = ['65_74', '75_84', '85_plus', 'under_65'];
		interface Record_ { id: string; municipality_code: string; person: number; full_name: string; name_kana: string; phone: string; age_band: string; merged_into?: string }
		const records: Record_[] = [];
		const kana = (n: number) => `しんちょく ${[...String(n)].map((d) => 'あいうえおかきくけこ'[Number(d)]).join('')}`;
		for (let person = 0; person < 3000; person++) {
			const home = pick(holding);
			const phone = `0${String(240_000_000 + person * 7).padStart(9, '0')}`;
			const age = pick(ages);
			const first: Record_ = { id: randomUUID(), municipality_code: home, person, full_name: `進捗 ${person}`, name_kana: kana(person), phone, age_band: age };
			records.push(first);
			if (person < 300) {
				let away = pick(holding);
				while (away === home) away = pick(holding);
				records.push({ ...first, id: randomUUID(), municipality_code: away });
			} else if (person < 400) {
				records.push({ ...first, id: randomUUID(), name_kana: `${kana(person)}ゆ`, merged_into: first.id });
			}
		}
		const byTown = new Map<string, Record_[]>();
		for (const r of records) byTown.set(r.municipality_code, [...(byTown.get(r.municipality_code) ?? []), r]);
		// 15,000 attendances: a record of the session's town, each at most once a session; one in ten absent.
		const attendance: { id: string; session_id: string; municipality_code: string; participant_id: string; attended: boolean; nonce: string }[] = [];
		const seen = new Set<string>();
		while (attendance.length < 15_000) {
			const s = pick(sessions);
			const r = pick(byTown.get(s.municipality_code) ?? []);
			if (!r || seen.has(`${s.id}:${r.id}`)) continue;
			seen.add(`${s.id}:${r.id}`);
			attendance.push({ id: randomUUID(), session_id: s.id, municipality_code: s.municipality_code, participant_id: r.id, attended: rand() > 0.1, nonce: randomUUID() });
		}
		const db = as(serviceRole);
		await db.rpc('import_dataset', { p_data: { venues, sessions } });
		// Participants (made in the year) first without their merges (the survivor must exist), then the merges.
		for (let i = 0; i < records.length; i += 2000) {
			await db.rpc('import_dataset', { p_data: { participants: records.slice(i, i + 2000).map(({ person: _, merged_into: __, ...r }) => ({ ...r, created_at: new Date(start).toISOString() })) } });
		}
		const merged = records.filter((r) => r.merged_into);
		await t.db.sql!(`update public.participants p set merged_into = m.survivor::uuid from (select * from jsonb_to_recordset($1::jsonb) as x (id uuid, survivor text)) m where p.id = m.id`,
			[JSON.stringify(merged.map((r) => ({ id: r.id, survivor: r.merged_into })))]);
		for (let i = 0; i < attendance.length; i += 3000) await db.rpc('import_dataset', { p_data: { attendance: attendance.slice(i, i + 3000) } });
		await db.rpc('import_dataset', { p_data: { targets: [{ fiscal_year: year, prefecture_code: '07', municipality_code: null, metric: 'senior_participants', value: 930 }] } });

		// Brute force, from the rows as generated.
		const held = new Set<string>(sessions.filter((s) => s.status === 'published').map((s) => s.id));
		const sessionOf = new Map<string, (typeof sessions)[number]>(sessions.map((s) => [s.id, s]));
		const recordOf = new Map(records.map((r) => [r.id, r]));
		const survivor = (r: Record_) => (r.merged_into ? recordOf.get(r.merged_into)! : r);
		const present = attendance.filter((a) => a.attended && held.has(a.session_id));
		const senior = (r: Record_) => r.age_band !== 'under_65';
		const prefecture = {
			sessions_held: held.size,
			attendances: present.length,
			senior_participants: new Set(present.map((a) => survivor(recordOf.get(a.participant_id)!)).filter(senior).map((r) => r.person)).size,
			municipalities_holding: new Set([...held].map((id) => sessionOf.get(id)!.municipality_code)).size
		};
		const progress = await as(t.w.users.admin).rpc<Progress>('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: null });
		expect(progress.metrics).toMatchObject(prefecture);
		expect(progress.targets).toEqual({ senior_participants: 930 });
		// A person who came in two towns is one in the prefecture's count, and one in each town's.
		const townCounts = (code: string) => {
			const here = present.filter((a) => a.municipality_code === code);
			return { code, sessions_held: [...held].filter((id) => sessionOf.get(id)!.municipality_code === code).length, attendances: here.length,
				senior_participants: new Set(here.map((a) => survivor(recordOf.get(a.participant_id)!)).filter(senior).map((r) => r.id)).size };
		};
		expect(progress.towns).toEqual(towns.map((code) => expect.objectContaining(townCounts(code))));
		expect(progress.towns!.reduce((sum, town) => sum + town.senior_participants, 0)).toBeGreaterThan(prefecture.senior_participants);
		expect(progress.without_sessions!.map((w) => w.code)).toEqual(towns.filter((code) => !holding.includes(code) || townCounts(code).sessions_held === 0));
		// Month by month adds up to the year; 実人数 in the month a person first came.
		expect(progress.months).toHaveLength(12);
		expect(progress.months.reduce((sum, m) => sum + m.attendances, 0)).toBe(prefecture.attendances);
		expect(progress.months.reduce((sum, m) => sum + m.senior_participants, 0)).toBe(prefecture.senior_participants);
		expect(progress.months.reduce((sum, m) => sum + m.sessions_held, 0)).toBe(prefecture.sessions_held);

		// The dashboard shows exactly these numbers.
		const shown = shownNumbers(progress);
		expect(shown.metrics).toEqual(progress.metrics);
		expect(shown.months.attendances).toEqual(progress.months.map((m) => m.attendances));
		expect(shown.months.senior_participants).toEqual(progress.months.map((m) => m.senior_participants));
		expect(Object.keys(shown.towns)).toHaveLength(59);
		for (const town of progress.towns!) expect(shown.towns[town.code]).toEqual({ sessions_held: town.sessions_held, attendances: town.attendances, senior_participants: town.senior_participants });

		// One town, as its staff see it (town A is 福島市).
		const mine = await as(t.w.users.staffA).rpc<Progress>('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: townA });
		const expected = townCounts(townA);
		expect(mine.metrics).toMatchObject({ sessions_held: expected.sessions_held, attendances: expected.attendances, senior_participants: expected.senior_participants });

		// Merging two records of one person in a town: 実人数 one less there, 延べ the same.
		// (Two people with one record each: nobody else's record is merged into either.)
		const single = present.map((a) => recordOf.get(a.participant_id)!).filter((r) => r.municipality_code === townA && r.person >= 400 && senior(r));
		const keep = single[0]!;
		const fold = single.find((r) => r.person !== keep.person)!;
		expect(await as(t.w.users.staffB).rpc('merge_participants', { p_keep: keep.id, p_fold: fold.id }).catch((e: { code?: string }) => e.code)).toBe('not_allowed');
		expect(await as(t.w.users.staffA).rpc('merge_participants', { p_keep: keep.id, p_fold: fold.id })).toMatchObject({ kept: keep.id, folded: fold.id });
		const after = await as(t.w.users.staffA).rpc<Progress>('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: townA });
		expect(after.metrics.senior_participants).toBe(expected.senior_participants - 1);
		expect(after.metrics.attendances).toBe(expected.attendances);
		// In the prefecture too: the two are now one person there.
		const prefectureAfter = await as(t.w.users.admin).rpc<Progress>('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: null });
		expect(prefectureAfter.metrics.senior_participants).toBe(prefecture.senior_participants - 1);
		expect(prefectureAfter.metrics.attendances).toBe(prefecture.attendances);

		// Retention, run as on the first day it may erase this year (1 April two years on), erases
		// every name and phone number of the year's records; no count changes.
		const before = await as(t.w.users.admin).rpc<Progress>('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: null });
		const beforeTownA = await as(t.w.users.staffA).rpc<Progress>('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: townA });
		const ids = JSON.stringify(records.map((r) => r.id));
		const named = `select count(*)::int as n from public.participants where id in (select value::uuid from jsonb_array_elements_text($1::jsonb)) and (full_name is not null or name_kana is not null or phone is not null)`;
		expect((await t.db.sql!(named, [ids]))[0]).toEqual({ n: records.length });
		const dayBefore = await eraseExpiredPersonalData(t.db.backend, 1, new Date(`${year + 2}-03-31T12:00:00+09:00`));
		expect((await t.db.sql!(named, [ids]))[0]).toEqual({ n: records.length });
		expect(dayBefore.participants).toBe(0);
		const erasure = await eraseExpiredPersonalData(t.db.backend, 1, new Date(`${year + 2}-04-01T09:00:00+09:00`));
		expect(erasure.participants).toBe(records.length);
		expect((await t.db.sql!(named, [ids]))[0]).toEqual({ n: 0 });
		const erased = await as(t.w.users.admin).rpc<Progress>('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: null });
		expect(erased.metrics).toEqual(before.metrics);
		expect(erased.towns).toEqual(before.towns);
		expect(erased.by_age).toEqual(before.by_age);
		expect(erased.months).toEqual(before.months);
		expect((await as(t.w.users.staffA).rpc<Progress>('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: townA })).metrics).toEqual(beforeTownA.metrics);
		// The facts progress counts from stay exactly what the rows say, through a class moved to
		// another month, one cancelled, an age band corrected, a mark deleted and a merge.
		const moved = sessions.find((x) => x.status === 'published' && x.municipality_code === townA)!;
		await t.db.sql!(`update public.sessions set starts_at = starts_at + interval '40 days', ends_at = ends_at + interval '40 days' where id = $1`, [moved.id]);
		await t.db.sql!(`update public.sessions set status = 'cancelled', cancel_reason = '試験' where id = $1`, [sessions.find((x) => x.status === 'published' && x.id !== moved.id)!.id]);
		await t.db.sql!(`update public.participants set age_band = 'under_65' where id = $1`, [keep.id]);
		await t.db.sql!(`delete from public.attendance where id = $1`, [attendance[0]!.id]);
		const facts = `select * from private.attendance_facts order by attendance_id`;
		const truth = `select * from private.attendance_fact_rows(array(select id from public.attendance)) order by attendance_id`;
		expect(await t.db.sql!(facts)).toEqual(await t.db.sql!(truth));
		expect((await t.db.sql!(facts)).length).toBeGreaterThanOrEqual(attendance.length - 1);
		// And so do the summaries progress reads (20261201001900), row for row.
		expect(await summaryDrift()).toEqual({ people: [], counts: [] });
		const [kept] = (await t.db.sql!(`select count(*)::int as n from private.progress_people where bands <> '{}'`)) as { n: number }[];
		expect(kept!.n).toBeGreaterThan(3000);

		// This year's seniors (the world's) keep their names.
		expect((await t.db.select(serviceRole, 'participants', { id: t.w.seniors.seniorA.id }))[0]).toMatchObject({ full_name: t.w.seniors.seniorA.full_name });
	});

	it.skipIf(!available)('counts a mark from the start of its class, though check-in opens earlier and the summaries hold it at once', async () => {
		const thisYear = fiscalYearOf(new Date());
		const townCount = async () => (await as(t.w.users.staffA).rpc<Progress>('progress', { p_fiscal_year: thisYear, p_prefecture_code: '07', p_municipality_code: townA })).metrics;
		const prefectureCount = async () => (await as(t.w.users.admin).rpc<Progress>('progress', { p_fiscal_year: thisYear, p_prefecture_code: '07', p_municipality_code: null })).metrics;
		const [town, prefecture] = [await townCount(), await prefectureCount()];
		const venue = { id: randomUUID(), municipality_code: townA, name: '早受付会場', address: '福島市見本町2-2' };
		const inAnHour = Date.now() + 3_600_000;
		const early = { id: randomUUID(), municipality_code: townA, venue_id: venue.id, topic_id: 'basics', title: '早受付', status: 'published', capacity: 20,
			starts_at: new Date(inAnHour).toISOString(), ends_at: new Date(inAnHour + 5_400_000).toISOString() };
		const person = { id: randomUUID(), municipality_code: townA, full_name: '早受付 花子', name_kana: 'はやうけつけ はなこ', phone: '0245550123', age_band: '75_84' };
		await as(serviceRole).rpc('import_dataset', { p_data: { venues: [venue], sessions: [early], participants: [person] } });
		await as(serviceRole).rpc('import_dataset', { p_data: { attendance: [{ id: randomUUID(), session_id: early.id, municipality_code: townA, participant_id: person.id, attended: true, nonce: randomUUID() }] } });
		// Checked in an hour before the class: kept in the summaries, not counted yet.
		expect(await summaryDrift()).toEqual({ people: [], counts: [] });
		expect(await townCount()).toEqual(town);
		expect(await prefectureCount()).toEqual(prefecture);
		// The class has begun (moved here to an hour ago): one more present, one more senior, one more held.
		await t.db.sql!(`update public.sessions set starts_at = now() - interval '1 hour', ends_at = now() + interval '30 minutes' where id = $1`, [early.id]);
		expect(await summaryDrift()).toEqual({ people: [], counts: [] });
		expect(await townCount()).toMatchObject({ attendances: town.attendances + 1, senior_participants: town.senior_participants + 1, sessions_held: town.sessions_held + 1 });
		expect(await prefectureCount()).toMatchObject({ attendances: prefecture.attendances + 1, senior_participants: prefecture.senior_participants + 1 });
	});

	it.skipIf(!available || backend.name !== 'postgres')('keeps the summaries exact when two changes to one person’s marks meet', async () => {
		// A senior came in May and in June. Both marks are taken back at once, as two clerks
		// correcting the sheets might. Taking back June changes nothing in their row (they
		// still first came in May), so nothing but the row lock makes May's wait for it; without
		// the lock, May's would be counted from a view where June is still there, and leave
		// June as their first month, for a person with no mark left.
		const year = fiscalYearOf(new Date()) - 1;
		const venue = { id: randomUUID(), municipality_code: townA, name: '同時会場', address: '福島市見本町3-3' };
		const at = (month: string, topic_id: string) => ({ id: randomUUID(), municipality_code: townA, venue_id: venue.id, topic_id, title: `同時 ${month}`, status: 'published',
			capacity: 20, starts_at: `${month}-10T01:00:00.000Z`, ends_at: `${month}-10T02:30:00.000Z` });
		const [may, june] = [at(`${year}-05`, 'line'), at(`${year}-06`, 'photos')];
		const person = { id: randomUUID(), municipality_code: townA, full_name: '同時 次郎', name_kana: 'どうじ じろう', phone: '0245550456', age_band: '65_74' };
		const marks = [may, june].map((s) => ({ id: randomUUID(), session_id: s.id, municipality_code: townA, participant_id: person.id, attended: true, nonce: randomUUID() }));
		await as(serviceRole).rpc('import_dataset', { p_data: { venues: [venue], sessions: [may, june], participants: [person] } });
		await as(serviceRole).rpc('import_dataset', { p_data: { attendance: marks } });
		const row = () => t.db.sql!(`select scope, senior_first_month, bands from private.progress_people where fiscal_year = $1 and who = $2`, [year, person.id]);
		expect(await row()).toEqual([{ scope: townA, senior_first_month: `${year}-05`, bands: ['65_74'] }]);
		const first = new pg.Client({ connectionString: t.db.url });
		const second = new pg.Client({ connectionString: t.db.url });
		await Promise.all([first.connect(), second.connect()]);
		try {
			const pid = (await second.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
			await first.query('begin');
			await first.query('delete from public.attendance where id = $1', [marks[1]!.id]);
			await second.query('begin');
			const waiting = second.query('delete from public.attendance where id = $1', [marks[0]!.id]);
			// Until the second is seen waiting for a lock (or, were there none, for two seconds).
			for (let i = 0; i < 40; i++) {
				if ((await t.db.sql!(`select 1 from pg_stat_activity where pid = $1 and wait_event_type = 'Lock'`, [pid])).length) break;
				await new Promise((r) => setTimeout(r, 50));
			}
			await first.query('commit');
			await waiting;
			await second.query('commit');
		} finally {
			await Promise.all([first.end(), second.end()]);
		}
		expect(await summaryDrift()).toEqual({ people: [], counts: [] });
		expect(await row()).toEqual([{ scope: townA, senior_first_month: null, bands: [] }]);
	});

	it.skipIf(!available)('is for the town’s staff and the prefecture’s admin, who set its targets', async () => {
		const staff = as(t.w.users.staffA);
		expect(await codeOf(staff.rpc('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: null }))).toBe('not_allowed');
		expect(await codeOf(as(t.w.users.staffB).rpc('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: townA }))).toBe('not_allowed');
		expect(await codeOf(as(t.w.users.supporterA).rpc('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: townA }))).toBe('not_allowed');
		const set = (caller: Caller, town: string | null, metric: string, value: number) =>
			as(caller).rpc('set_target', { p_fiscal_year: year + 1, p_prefecture_code: '07', p_municipality_code: town, p_metric: metric, p_value: value });
		expect(await set(t.w.users.staffA, townA, 'senior_participants', 120)).toEqual({ metric: 'senior_participants', value: 120 });
		expect(await set(t.w.users.staffA, townA, 'senior_participants', 150)).toEqual({ metric: 'senior_participants', value: 150 });
		expect(await codeOf(set(t.w.users.staffA, null, 'senior_participants', 930))).toBe('not_allowed');
		expect(await codeOf(set(t.w.users.staffB, townA, 'attendances', 10))).toBe('not_allowed');
		expect(await codeOf(set(t.w.users.staffA, townA, 'municipalities_holding', 3))).toBe('invalid_request');
		expect(await codeOf(set(t.w.users.staffA, townA, 'attendances', -1))).toBe('target_invalid');
		expect(await set(t.w.users.admin, null, 'senior_participants', 930)).toMatchObject({ value: 930 });
		const targets = await t.db.select(serviceRole, 'targets', { fiscal_year: year + 1 });
		expect(targets.map((r) => [r.municipality_code, r.metric, r.value]).sort()).toEqual([[null, 'senior_participants', 930], [townA, 'senior_participants', 150]].sort());

		// Set together, a null takes a target away: asked as setting one is asked, and all or none.
		const setAll = (caller: Caller, town: string | null, values: Record<string, number | null>, fiscalYear = year + 1) =>
			as(caller).rpc('set_targets', { p_fiscal_year: fiscalYear, p_prefecture_code: '07', p_municipality_code: town, p_values: values });
		const townTargets = async () => (await t.db.select(serviceRole, 'targets', { fiscal_year: year + 1, municipality_code: townA })).map((r) => [r.metric, r.value]).sort();
		expect(await setAll(t.w.users.staffA, townA, { attendances: 400 })).toEqual({ senior_participants: 150, attendances: 400 });
		expect(await codeOf(setAll(t.w.users.staffB, townA, { senior_participants: null }))).toBe('not_allowed');
		expect(await codeOf(setAll(t.w.users.staffA, townA, { senior_participants: null, attendances: -1 }))).toBe('target_invalid');
		expect(await codeOf(setAll(t.w.users.staffA, townA, { senior_participants: null, municipalities_holding: null }))).toBe('invalid_request');
		expect(await codeOf(setAll(t.w.users.staffA, townA, { senior_participants: null }, year - 10))).toBe('fiscal_year_invalid');
		expect(await townTargets()).toEqual([['attendances', 400], ['senior_participants', 150]]);
		expect(await setAll(t.w.users.staffA, townA, { senior_participants: null, sessions_held: null })).toEqual({ attendances: 400 });
		expect(await townTargets()).toEqual([['attendances', 400]]);
		// The prefecture's own target is not the town's to take away.
		expect(await codeOf(setAll(t.w.users.staffA, null, { senior_participants: null }))).toBe('not_allowed');
		expect(await setAll(t.w.users.admin, null, { senior_participants: null })).toEqual({});
	});
});
