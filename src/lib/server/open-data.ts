import type { Db } from './db/port.ts';
import { eventColumns, participationColumns, type EventColumn, type ParticipationColumn } from '../domain/open-data.ts';
import { formatFiscalYear } from '../domain/wareki.ts';
import type { SessionFormat } from '../domain/session.ts';

/** A published class as open_data_events returns it: public fields only, dates already in Japan time. */
export interface OpenEvent {
	id: string;
	municipality_code: string;
	no: number;
	prefecture_name: string;
	municipality_name: string;
	municipality_kind: '市' | '町' | '村' | '区';
	title: string;
	start_date: string;
	end_date: string;
	start_time: string;
	end_time: string;
	description: string;
	fee_yen: number;
	contact_phone: string;
	venue_name: string;
	address: string;
	lat: string | null;
	lng: string | null;
	access: string;
	parking: string;
	capacity: number;
	closes_date: string;
	closes_time: string;
	format: SessionFormat;
	topic: string;
	what_to_bring: string;
}

/** One municipality's fiscal year as open_data_participation returns it: a count of 1–4 is null. */
export interface OpenParticipation {
	municipality_code: string;
	prefecture_name: string;
	municipality_name: string;
	fiscal_year: number;
	sessions_held: number | null;
	attendances: number | null;
	senior_participants: number | null;
	suppressed: boolean;
	in_progress: boolean;
	counted_on: string;
}

/** Every town's published classes (null), or one town's: null when the code is no municipality. */
export const openDataEvents = (db: Db, municipalityCode: string | null = null) =>
	db.rpc<OpenEvent[] | null>('open_data_events', { p_municipality_code: municipalityCode });

export const openDataParticipation = (db: Db) => db.rpc<OpenParticipation[]>('open_data_participation');

// The cells below are in Japanese whatever the reader's language: the standard's files are.
const formats: Record<SessionFormat, string> = { class: '教室', consultation: '個別相談会', outreach: '出張教室' };
// The office's name follows the town's (福島市 → 福島市役所, 桑折町 → 桑折町役場).
const office: Record<OpenEvent['municipality_kind'], string> = { 市: '役所', 町: '役場', 村: '役場', 区: '役所' };

export interface EventContext {
	/** The site's origin, for each class's own page. */
	origin: string;
	/** Whether the web takes registrations here (the server has its registration desk). */
	webRegistration: boolean;
}

/** How to apply: by the phone number given, on the class's page, or both. */
function howToApply(event: OpenEvent, webRegistration: boolean): string {
	const ways = [event.contact_phone ? '電話' : '', webRegistration ? 'Web' : ''].filter(Boolean);
	return ways.join('または');
}

/**
 * One class as a row of the event list. Left empty, for want of data: イベント名_カナ and
 * _英語 (classes have no reading or English title), 開始日時特記事項, 連絡先内線番号, 方書
 * (a venue's address is one line).
 */
export function eventRecord(event: OpenEvent, context: EventContext): Record<EventColumn, string | number> {
	const remarks = [`テーマ: ${event.topic}`, `形式: ${formats[event.format]}`, event.what_to_bring ? `持ち物: ${event.what_to_bring}` : ''];
	return {
		'都道府県コード又は市区町村コード': event.municipality_code,
		'NO': event.no,
		'都道府県名': event.prefecture_name,
		'市区町村名': event.municipality_name,
		'イベント名': event.title,
		'イベント名_カナ': '',
		'イベント名_英語': '',
		'開始日': event.start_date,
		'終了日': event.end_date,
		'開始時間': event.start_time,
		'終了時間': event.end_time,
		'開始日時特記事項': '',
		'説明': event.description,
		'料金(基本)': event.fee_yen === 0 ? '無料' : '有料',
		'料金(詳細)': event.fee_yen === 0 ? '' : `${event.fee_yen.toLocaleString('ja-JP')}円`,
		// The number is the town office's (the session form asks for the office's), so is the name.
		'連絡先名称': event.contact_phone ? `${event.municipality_name}${office[event.municipality_kind]}` : '',
		'連絡先電話番号': event.contact_phone,
		'連絡先内線番号': '',
		'主催者': event.municipality_name,
		'場所名称': event.venue_name,
		'住所': event.address,
		'方書': '',
		'緯度': event.lat ?? '',
		'経度': event.lng ?? '',
		'アクセス方法': event.access,
		'駐車場情報': event.parking,
		'定員': event.capacity,
		'参加申込終了日': event.closes_date,
		'参加申込終了時間': event.closes_time,
		'参加申込方法': howToApply(event, context.webRegistration),
		'URL': `${context.origin}/sessions/${event.id}`,
		'備考': remarks.filter(Boolean).join('／')
	};
}

/** One town's fiscal year as a row; a suppressed count stays empty, and the note says why. */
export function participationRecord(row: OpenParticipation): Record<ParticipationColumn, string | number> {
	const notes = [row.suppressed ? '1〜4は秘匿' : '', row.in_progress ? '年度途中(集計日まで)' : ''];
	return {
		'都道府県コード又は市区町村コード': row.municipality_code,
		'都道府県名': row.prefecture_name,
		'市区町村名': row.municipality_name,
		'年度': row.fiscal_year,
		'年度(和暦)': formatFiscalYear(row.fiscal_year),
		'開催回数': row.sessions_held ?? '',
		'延べ参加者数': row.attendances ?? '',
		'実参加者数(65歳以上)': row.senior_participants ?? '',
		'集計日': row.counted_on,
		'備考': notes.filter(Boolean).join('／')
	};
}

type Columns = typeof eventColumns | typeof participationColumns;
type Rows<C extends Columns> = Record<C[number], string | number>[];

/** Records as the rows of a CSV file, in the columns' order. */
export const csvRowsOf = <C extends Columns>(columns: C, records: Rows<C>) =>
	records.map((record) => columns.map((column: C[number]) => record[column]));

/** Records as JSON objects whose keys are the columns, in the columns' order. */
export const jsonRecordsOf = <C extends Columns>(columns: C, records: Rows<C>) =>
	records.map((record) => Object.fromEntries(columns.map((column: C[number]) => [column, record[column]])));
