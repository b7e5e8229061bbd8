// The open data page (issue 11): what is published, how it is written, and on what terms.
export const openDataJa = {
	openData: {
		title: 'オープンデータ',
		intro: 'スマホ教室の開催予定と、参加の集計を、どなたでも自由に使えるオープンデータとして公開しています。ログインは要りません。',
		filesTitle: 'ファイルの一覧',
		file: 'ファイル',
		contents: '内容',
		eventsAll: 'すべての市町村の教室(イベント一覧)',
		participation: '市町村別・年度別の参加の集計',
		eventsTitle: '教室の一覧(イベント一覧)',
		eventsFormat: '自治体標準オープンデータセットの「イベント一覧」の項目を、その順番のまま使っています。日付は YYYY-MM-DD、時刻は hh:mm(日本時間)です。',
		eventsScope: '今年度(4月1日)からあとに公開されている教室をのせています。下書きや中止になった教室はのせていません。',
		eventsEmpty: 'データのない項目(イベント名のカナ・英語、内線番号など)は空欄です。URL は教室のページです。',
		participationTitle: '参加の集計',
		participationHow: '年度(4月〜翌年3月)ごとに、開催回数(公開した教室のうち始まったもの)、延べ参加者数(出席の数。当日参加をふくむ)、実参加者数(65歳以上で、その市町村で出席した方の人数。同じ方は1人と数えます)をのせています。',
		participationSuppressed: '1人の方が特定されないよう、1〜4の数は空欄にしています(備考に「1〜4は秘匿」と書きます)。0はそのまま書きます。',
		encodingTitle: '文字コードと形式',
		encodingCsv: 'CSV: 文字コードは UTF-8(BOM付き)、改行は CRLF です。Excel でそのまま開けます。',
		encodingJson: 'JSON: 文字コードは UTF-8 です。CSV と同じ項目名をキーにした配列です。',
		noPersonalData: 'お名前・電話番号・年齢など、個人の情報は一切ふくみません。',
		termsTitle: '利用条件',
		terms: 'これらのデータは、クリエイティブ・コモンズ 表示 4.0 国際 ライセンス(CC BY 4.0)で提供します。出典(「つなぐ」のオープンデータであること)を示せば、複製・加工・商用利用を含めて自由に使えます。',
		termsLink: 'CC BY 4.0 の説明(クリエイティブ・コモンズ・ジャパン)',
		townsTitle: '市町村ごとの教室の一覧',
		townsHow: '標準のファイル名({市町村コード}_event.csv)で、市町村ごとにも公開しています。',
		townFiles: (name: string) => `${name}のファイル`,
		otherArea: 'その他'
	}
};
