import { describe, expect, it } from 'vitest';
import type { AttendanceExport, ProgressReport, SessionExportRow } from '../exports.ts';
import { attendanceRows } from './attendance-rows.ts';
import { attendanceColumns, personColumns, progressColumns, sessionColumns } from './columns.ts';
import { progressRows } from './progress-rows.ts';
import { sessionRows } from './session-rows.ts';

const session = (startsAt: string, endsAt: string): SessionExportRow => ({
	id: 's1', starts_at: startsAt, ends_at: endsAt, title: 'LINEを始めよう', format: 'class', topic_name: 'LINE', venue_name: '中央公民館',
	status: 'published', capacity: 8, series_part: null, confirmed: 6, waitlisted: 1, present: 5, seniors_present: 4, walk_ins: 1, supporters_assigned: 2
});

describe('the sessions file', () => {
	it('writes each date in ISO and in 和暦, and times in Japan', () => {
		// 04:30 UTC is 13:30 in Japan; 2019-05-01 is the first day of 令和 (元年).
		const { header, rows } = sessionRows([session('2027-01-05T04:30:00Z', '2027-01-05T06:00:00Z'), session('2019-05-01T01:00:00Z', '2019-05-01T02:30:00Z')]);
		expect(header).toBe(sessionColumns);
		expect(rows[0]!.slice(0, 4)).toEqual(['2027-01-05', '令和9年1月5日', '13:30', '15:00']);
		expect(rows[1]!.slice(0, 4)).toEqual(['2019-05-01', '令和元年5月1日', '10:00', '11:30']);
		expect(rows[0]).toHaveLength(header.length);
		expect(rows[0]!.slice(4)).toEqual(['LINEを始めよう', null, 'LINE', '教室', '中央公民館', '公開', 8, 6, 1, 5, 4, 1, 2]);
	});

	it('takes the date in Japan across midnight UTC', () => {
		// 2027-01-04 23:30 UTC is already 5 January, 08:30, in Japan.
		expect(sessionRows([session('2027-01-04T23:30:00Z', '2027-01-05T01:00:00Z')]).rows[0]!.slice(0, 3)).toEqual(['2027-01-05', '令和9年1月5日', '08:30']);
	});
});

describe('the attendance file', () => {
	const data = (withNames: boolean): AttendanceExport => ({
		session: { id: 's1', municipality_code: '072010', title: '写真の教室', starts_at: '2026-12-01T04:00:00Z', ends_at: '2026-12-01T05:30:00Z', status: 'published', venue_name: '公民館' },
		with_names: withNames,
		rows: [
			{ row_number: 1, kind: 'confirmed', channel: 'phone', device: 'iphone', needs_loaner: false, age_band: '75_84', attended: true, walk_in: false,
				...(withNames ? { full_name: '見本 太郎', name_kana: 'みほん たろう', phone: '09012345678' } : {}) },
			{ row_number: 2, kind: 'waitlisted', channel: 'web', device: 'none', needs_loaner: true, age_band: '85_plus', attended: null, walk_in: false,
				...(withNames ? { full_name: null, name_kana: null, phone: null } : {}) },
			{ row_number: 3, kind: 'walk_in', channel: null, device: null, needs_loaner: null, age_band: 'under_65', attended: false, walk_in: true,
				...(withNames ? { full_name: '当日 花子', name_kana: 'とうじつ はなこ', phone: '0245351111' } : {}) }
		]
	});

	it('has no name, reading or phone column without names', () => {
		const { header, rows } = attendanceRows(data(false));
		expect(header).toBe(attendanceColumns);
		for (const column of personColumns) expect(header).not.toContain(column);
		expect(rows).toEqual([
			[1, '2026-12-01', '令和8年12月1日', '写真の教室', '申込(確定)', '電話', 'iPhone', '', '75〜84歳', '出席', ''],
			[2, '2026-12-01', '令和8年12月1日', '写真の教室', 'キャンセル待ち', 'ウェブ', '持っていない', 'あり', '85歳以上', '未記録', ''],
			[3, '2026-12-01', '令和8年12月1日', '写真の教室', '当日参加', '', '', '', '65歳未満', '欠席', 'あり']
		]);
	});

	it('adds them at the end with names, empty where retention erased them, numbers grouped', () => {
		const { header, rows } = attendanceRows(data(true));
		expect(header).toEqual([...attendanceColumns, ...personColumns]);
		expect(rows.map((r) => r.slice(-3))).toEqual([['見本 太郎', 'みほん たろう', '090-1234-5678'], ['', '', ''], ['当日 花子', 'とうじつ はなこ', '024-535-1111']]);
	});
});

describe('the progress file', () => {
	const report: ProgressReport = {
		fiscal_year: 2026,
		metrics: { senior_participants: 93, attendances: 200, sessions_held: 12, municipalities_holding: 1, active_supporters: 4 },
		targets: { senior_participants: 930 },
		months: [{ month: '2026-04', senior_participants: 10, attendances: 20, sessions_held: 2 }],
		by_topic: [{ topic_id: 'line', name_ja: 'LINE', name_en: 'LINE', sessions_held: 3, attendances: 40 }],
		by_age: [{ age_band: '65_74', people: 30 }],
		towns: [{ code: '072010', name: '福島市', sessions_held: 12, attendances: 200, senior_participants: 93, target: null }],
		without_sessions: []
	};

	it('is one table: a line per number, with its target and the share reached', () => {
		const { header, rows } = progressRows(report, '07');
		expect(header).toBe(progressColumns);
		for (const row of rows) expect(row).toHaveLength(header.length);
		expect(rows[0]).toEqual([2026, '令和8年度', '07', '年度の実績', '', '', '', '', '実人数(65歳以上)', 93, 930, 10]);
		expect(rows.find((r) => r[3] === '月別')).toEqual([2026, '令和8年度', '07', '月別', '', '', '2026-04', '令和8年4月', '実人数(65歳以上、初めて参加した月)', 10, null, null]);
		expect(rows.find((r) => r[3] === 'テーマ別')?.slice(4, 10)).toEqual(['line', 'LINE', '', '', '開催回数', 3]);
		expect(rows.find((r) => r[3] === '年代別')?.slice(4, 10)).toEqual(['65_74', '65〜74歳', '', '', '参加者の実人数', 30]);
		expect(rows.filter((r) => r[3] === '市町村別')).toHaveLength(3);
	});

	it('leaves out the towns holding classes for a single town', () => {
		const town = progressRows({ ...report, towns: null, without_sessions: null }, '072010');
		expect(town.rows.some((r) => r[8] === '開催した市町村数')).toBe(false);
		expect(town.rows.some((r) => r[3] === '市町村別')).toBe(false);
	});
});
