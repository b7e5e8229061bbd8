import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceRole } from '../../src/lib/server/db/port.ts';
import { codeOf } from './error-code.ts';
import { backendCases } from './harness.ts';
import { townA, townB, worldOn } from './world.ts';

// Duplicate participants (issue 11): staff see their town's likely pairs, merge them or say
// they are two people; a senior who phones in later with a merged record's number joins
// the survivor instead of becoming a duplicate again.

interface Card { id: string; full_name: string | null; name_kana: string | null; phone: string | null; attended: number }
interface Pair { reason: string; a: Card; b: Card }

describe.each(backendCases)('duplicate participants on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const person = (town: string, full_name: string, name_kana: string, phone: string | null, age_band = '75_84') =>
		({ id: randomUUID(), municipality_code: town, full_name, name_kana, phone, age_band });

	it.skipIf(!available)('suggests pairs by reading, or by name and phone; never another town’s; merges and remembers two people', async () => {
		const mobile = person(townA, '重複 花子', 'ちょうふく はなこ', '090-1111-0001');
		const home = person(townA, '重複 花子', 'チョウフク ハナコ', '024-555-0001');
		const misread = person(townA, '重複 花子', 'じゅうふく はなこ', '090-1111-0001');
		const husband = person(townA, '重複 太郎', 'ちょうふく たろう', '024-555-0001');
		const namesake = person(townA, '長福 花子', 'ちょうふく はなこ', '080-2222-0001');
		const elsewhere = person(townB, '重複 花子', 'ちょうふく はなこ', '090-1111-0009');
		await t.db.backend.as(serviceRole).rpc('import_dataset', { p_data: { participants: [mobile, home, misread, husband, namesake, elsewhere] } });
		const staff = t.db.backend.as(t.w.users.staffA);
		const pairs = async () => (await staff.rpc<Pair[]>('participant_duplicates', { p_municipality_code: townA }))
			.map((p) => [p.reason, [p.a.id, p.b.id].sort().join()]);
		const pair = (x: { id: string }, y: { id: string }) => [x.id, y.id].sort().join();
		const found = await pairs();
		// Same reading: mobile/home/namesake (three pairs); same name and phone: mobile/misread. A
		// husband sharing the home phone is another person, and town B's record is not shown.
		expect(found.sort()).toEqual([
			['same_name_and_phone', pair(mobile, misread)],
			['same_reading', pair(mobile, home)],
			['same_reading', pair(mobile, namesake)],
			['same_reading', pair(home, namesake)]
		].sort());
		expect(JSON.stringify(await staff.rpc('participant_duplicates', { p_municipality_code: townA }))).not.toContain(elsewhere.id);

		// Only the town's staff.
		expect(await codeOf(t.db.backend.as(t.w.users.staffB).rpc('participant_duplicates', { p_municipality_code: townA }))).toBe('not_allowed');
		expect(await codeOf(t.db.backend.as(t.w.users.supporterA).rpc('participant_duplicates', { p_municipality_code: townA }))).toBe('not_allowed');
		expect(await codeOf(t.db.backend.as(t.w.users.staffB).rpc('merge_participants', { p_keep: mobile.id, p_fold: home.id }))).toBe('not_allowed');
		expect(await codeOf(staff.rpc('merge_participants', { p_keep: mobile.id, p_fold: elsewhere.id }))).toBe('participant_not_found');
		expect(await codeOf(staff.rpc('merge_participants', { p_keep: mobile.id, p_fold: mobile.id }))).toBe('invalid_request');
		expect(await codeOf(staff.rpc('mark_distinct_participants', { p_a: mobile.id, p_b: elsewhere.id }))).toBe('participant_not_found');

		// The namesake is someone else; the home and misread records are hers.
		await staff.rpc('mark_distinct_participants', { p_a: namesake.id, p_b: mobile.id });
		await staff.rpc('mark_distinct_participants', { p_a: namesake.id, p_b: home.id });
		await staff.rpc('merge_participants', { p_keep: home.id, p_fold: misread.id });
		expect(await staff.rpc('merge_participants', { p_keep: mobile.id, p_fold: home.id })).toMatchObject({ kept: mobile.id, records: 3 });
		expect(await pairs()).toEqual([]);
		const rows = await t.db.select(serviceRole, 'participants', { municipality_code: townA });
		const byId = new Map(rows.map((r) => [r.id, r]));
		// One level: what was merged into the folded record now points at the survivor.
		expect(byId.get(home.id)!.merged_into).toBe(mobile.id);
		expect(byId.get(misread.id)!.merged_into).toBe(mobile.id);
		expect(new Set([mobile, home, misread].map((r) => byId.get(r.id)!.person_id)).size).toBe(1);
		expect(await codeOf(staff.rpc('merge_participants', { p_keep: home.id, p_fold: namesake.id }))).toBe('participant_already_merged');

		// She phones in again with the home number: the new record joins the survivor at once.
		const again = person(townA, '重複 花子', 'ちょうふくはなこ', '0245550001');
		await t.db.backend.as(serviceRole).rpc('import_dataset', { p_data: { participants: [again] } });
		const [joined] = await t.db.select(serviceRole, 'participants', { id: again.id });
		expect(joined).toMatchObject({ merged_into: mobile.id, person_id: byId.get(mobile.id)!.person_id });
		expect(await pairs()).toEqual([]);
	});

	it.skipIf(!available)('refuses to merge erased records, and two staff merging one pair opposite ways leave one survivor', async () => {
		const x = person(townA, '同時 一郎', 'どうじ いちろう', '090-3333-0001');
		const y = person(townA, '同時 一郎', 'どうじ いちろう', '090-3333-0002');
		const gone = person(townA, '消去 済', 'しょうきょ', '090-3333-0003');
		await t.db.backend.as(serviceRole).rpc('import_dataset', { p_data: { participants: [x, y, gone] } });
		await t.db.sql!(`update public.participants set full_name = null, name_kana = null, phone = null, erased_at = now() where id = $1`, [gone.id]);
		const staff = t.db.backend.as(t.w.users.staffA);
		expect(await codeOf(staff.rpc('merge_participants', { p_keep: x.id, p_fold: gone.id }))).toBe('participant_erased');
		const outcomes = await Promise.allSettled([
			staff.rpc('merge_participants', { p_keep: x.id, p_fold: y.id }),
			staff.rpc('merge_participants', { p_keep: y.id, p_fold: x.id })
		]);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		const rows = await t.db.select(serviceRole, 'participants', { municipality_code: townA });
		const merged = rows.filter((r) => r.id === x.id || r.id === y.id).map((r) => r.merged_into);
		expect(merged.filter((m) => m === null)).toHaveLength(1);
	});
});
