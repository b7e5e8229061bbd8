// The office's CSV exports (issue 11, item 5). The files' own headings are in
// src/lib/server/exports/columns.ts: they are Japanese whatever language the page is in.
export const exportsJa = {
	exports: {
		link: 'データの書き出し(CSV)',
		title: (town: string) => `${town}のデータの書き出し(CSV)`,
		intro: 'Excelで開ける表のファイル(CSV)を作ります。日付は「2026-12-01」の形と和暦(令和8年12月1日)の両方の列があります。',
		fiscalYear: '年度',
		fiscalYearNow: (year: string) => `${year}(今年度)`,
		encoding: '文字コード',
		encodings: { 'utf-8': 'Excel 標準(UTF-8)', shift_jis: '古いExcel向け(Shift_JIS)' },
		encodingHint: 'ふつうは「Excel 標準」を選んでください。古いExcelで文字化けするときは Shift_JIS を選びます。',
		sessions: '教室の一覧',
		sessionsHint: 'その年度の教室ごとに、日時・会場・定員・申込数・出席者数(うち65歳以上)・サポーターの人数。氏名は入りません。',
		sessionsDownload: '教室の一覧をダウンロード',
		progress: '目標への進み具合',
		progressHint: '実人数・延べ人数・開催回数などの実績と目標を、月別・テーマ別・年代別に一つの表にしたものです。氏名は入りません。',
		progressDownload: '進み具合をダウンロード',
		attendance: '出欠の一覧(教室ごと)',
		attendanceHint: '教室ごとの出欠は、その教室のページから書き出します。',
		attendanceOpen: '教室の一覧を開く',
		personalTitle: '氏名つきの出欠の一覧は個人情報です',
		personalNote:
			'氏名・ふりがな・電話番号つきのファイルは、この市町村の担当者だけが作れます。参加者にお知らせした目的(教室の連絡と出欠の確認)にだけ使い、使い終わったら消してください。メールでの送付や共有のパソコンへの保存はしないでください。',
		attendanceCsv: '出欠の一覧(氏名なし)',
		attendanceWithNames: '出欠の一覧(氏名・電話番号つき、個人情報)'
	},
	exportErrors: {
		fiscal_year_invalid: '年度を選び直してください。',
		encoding_invalid: '文字コードは「Excel 標準」か「Shift_JIS」から選んでください。'
	}
};
