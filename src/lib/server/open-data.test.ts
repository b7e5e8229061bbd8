import { describe, expect, it } from 'vitest';
import { eventColumns, participationColumns } from '../domain/open-data.ts';
import { csvRowsOf, eventRecord, jsonRecordsOf, participationRecord, type OpenEvent, type OpenParticipation } from './open-data.ts';

const event: OpenEvent = {
	id: '00000000-0000-4000-8000-000000000001', municipality_code: '073032', no: 7, prefecture_name: '福島県', municipality_name: '桑折町', municipality_kind: '町',
	title: 'LINE教室', start_date: '2026-12-03', end_date: '2026-12-03', start_time: '13:30', end_time: '15:00', description: '=はじめての方も', fee_yen: 500,
	contact_phone: '024-582-0000', venue_name: '中央公民館', address: '桑折町見本1-1', lat: null, lng: '140.51600', access: '', parking: '20台', capacity: 8,
	closes_date: '2026-12-01', closes_time: '17:00', format: 'outreach', topic: 'LINE', what_to_bring: ''
};
const context = { origin: 'https://tsunagu.example', webRegistration: true };

describe('open data records', () => {
	it('maps a class to every column of the event list, leaving empty what there is no data for', () => {
		const record = eventRecord(event, context);
		expect(Object.keys(record)).toEqual([...eventColumns]);
		expect(record).toMatchObject({
			'都道府県コード又は市区町村コード': '073032', 'NO': 7, '料金(基本)': '有料', '料金(詳細)': '500円', '連絡先名称': '桑折町役場', '主催者': '桑折町',
			'緯度': '', '経度': '140.51600', '参加申込方法': '電話またはWeb', 'URL': 'https://tsunagu.example/sessions/00000000-0000-4000-8000-000000000001',
			'備考': 'テーマ: LINE／形式: 出張教室', 'イベント名_カナ': '', '連絡先内線番号': '', '方書': ''
		});
		expect(eventRecord({ ...event, fee_yen: 0, contact_phone: '', municipality_name: '福島市', municipality_kind: '市' }, { ...context, webRegistration: false }))
			.toMatchObject({ '料金(基本)': '無料', '料金(詳細)': '', '連絡先名称': '', '参加申込方法': '' });
		expect(eventRecord({ ...event, municipality_name: '福島市', municipality_kind: '市' }, { ...context, webRegistration: false }))
			.toMatchObject({ '連絡先名称': '福島市役所', '参加申込方法': '電話' });
	});

	it('writes a suppressed count empty and says why; a row keeps the columns’ order in CSV and JSON', () => {
		const row: OpenParticipation = { municipality_code: '073032', prefecture_name: '福島県', municipality_name: '桑折町', fiscal_year: 2025, sessions_held: 6,
			attendances: 12, senior_participants: null, suppressed: true, in_progress: false, counted_on: '2026-12-01' };
		const record = participationRecord(row);
		expect(csvRowsOf(participationColumns, [record])).toEqual([['073032', '福島県', '桑折町', 2025, '令和7年度', 6, 12, '', '2026-12-01', '1〜4は秘匿']]);
		expect(Object.keys(jsonRecordsOf(participationColumns, [record])[0]!)).toEqual([...participationColumns]);
		expect(participationRecord({ ...row, senior_participants: 0, suppressed: false, in_progress: true })['備考']).toBe('年度途中(集計日まで)');
	});
});
