// Every heading and word the export files hold, in one place. They are the file's content
// for Japanese town offices (not the page's language), so they are Japanese whatever the
// reader chose; a date is always two columns, ISO for sorting and 和暦 for the report.

export const sessionColumns = [
	'開催日', '開催日(和暦)', '開始時刻', '終了時刻', '教室名', '回', 'テーマ', '形式', '会場', '状態',
	'定員', '申込(確定)', 'キャンセル待ち', '出席者数(延べ)', 'うち65歳以上', 'うち当日参加', 'サポーター(配置)'
] as const;

export const attendanceColumns = [
	'番号', '開催日', '開催日(和暦)', '教室名', '区分', '申込方法', '使う機種', '貸出機', '年代', '出欠', '当日参加'
] as const;

/** Added after the others, only to the file with names. */
export const personColumns = ['氏名', 'ふりがな', '電話番号'] as const;

export const progressColumns = [
	'年度', '年度(和暦)', '対象', '区分', '内訳コード', '内訳', '月', '月(和暦)', '項目', '値', '目標', '達成率(%)'
] as const;

export const statusLabels = { draft: '下書き', published: '公開', cancelled: '中止' } as const;
export const formatLabels = { class: '教室', consultation: '個別相談会', outreach: '出張教室' } as const;
export const kindLabels = { confirmed: '申込(確定)', waitlisted: 'キャンセル待ち', walk_in: '当日参加', cancelled: '取消(出欠記録あり)' } as const;
export const channelLabels = { web: 'ウェブ', phone: '電話', counter: '窓口' } as const;
export const deviceLabels = { iphone: 'iPhone', android: 'Android', other: 'その他', none: '持っていない' } as const;
export const ageLabels = { under_65: '65歳未満', '65_74': '65〜74歳', '75_84': '75〜84歳', '85_plus': '85歳以上' } as const;
export const attendedLabels = { present: '出席', absent: '欠席', unmarked: '未記録' } as const;
export const yesNo = { yes: 'あり', no: '' } as const;

export const progressSections = {
	year: '年度の実績',
	month: '月別',
	topic: 'テーマ別',
	age: '年代別',
	town: '市町村別'
} as const;

export const metricLabels = {
	senior_participants: '実人数(65歳以上)',
	attendances: '延べ人数',
	sessions_held: '開催回数',
	municipalities_holding: '開催した市町村数',
	active_supporters: '活動したサポーター数'
} as const;

/** 実人数 by month counts each person in the month they first came. */
export const monthlySeniorsLabel = '実人数(65歳以上、初めて参加した月)';
/** By age band, every band including under 65: people, not only seniors. */
export const peopleLabel = '参加者の実人数';
