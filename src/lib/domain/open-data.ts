// Open data (issue 11): the files /opendata offers, and the columns they hold. Pure, so that
// the page, the endpoints and the tests agree on one list.

/**
 * The event list (イベント一覧) of the 自治体標準オープンデータセット, in its published order.
 * opendata-event-columns.txt beside this file is the standard's list as given to the project;
 * open-data.test.ts keeps the two equal.
 */
export const eventColumns = [
	'都道府県コード又は市区町村コード', 'NO', '都道府県名', '市区町村名', 'イベント名', 'イベント名_カナ', 'イベント名_英語',
	'開始日', '終了日', '開始時間', '終了時間', '開始日時特記事項', '説明', '料金(基本)', '料金(詳細)',
	'連絡先名称', '連絡先電話番号', '連絡先内線番号', '主催者', '場所名称', '住所', '方書', '緯度', '経度',
	'アクセス方法', '駐車場情報', '定員', '参加申込終了日', '参加申込終了時間', '参加申込方法', 'URL', '備考'
] as const;

export type EventColumn = (typeof eventColumns)[number];

/** Attendance per municipality and fiscal year, in the standard's naming style. */
export const participationColumns = [
	'都道府県コード又は市区町村コード', '都道府県名', '市区町村名', '年度', '年度(和暦)',
	'開催回数', '延べ参加者数', '実参加者数(65歳以上)', '集計日', '備考'
] as const;

export type ParticipationColumn = (typeof participationColumns)[number];

export type OpenDataFormat = 'csv' | 'json';

/** A file under /opendata/: the event list of all towns or one, or the participation counts. */
export type OpenDataFile =
	| { kind: 'events'; municipalityCode: string | null; format: OpenDataFormat }
	| { kind: 'participation'; format: OpenDataFormat };

/**
 * The file a name under /opendata/ asks for, or null. All names live in one folder and are
 * read here, in one place, so that no name can mean two files: `events`, `participation`
 * and the standard's `{6-digit code}_event`, each as .csv or .json.
 */
export function openDataFile(name: string): OpenDataFile | null {
	const match = /^(?:(events)|(participation)|(\d{6})_event)\.(csv|json)$/.exec(name);
	if (!match) return null;
	const format = match[4] as OpenDataFormat;
	if (match[2]) return { kind: 'participation', format };
	return { kind: 'events', municipalityCode: match[3] ?? null, format };
}

/** The name the standard gives a town's event list. */
export const eventFileName = (code: string, format: OpenDataFormat) => `${code}_event.${format}`;
