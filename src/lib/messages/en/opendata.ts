import type { openDataJa } from '../ja/opendata.ts';

export const openDataEn: typeof openDataJa = {
	openData: {
		title: 'Open data',
		intro: 'The smartphone classes planned and the numbers of people who took part, published as open data that anyone may use. No sign-in needed.',
		filesTitle: 'Files',
		file: 'File',
		contents: 'Contents',
		eventsAll: 'Classes of every municipality (event list)',
		participation: 'Participation by municipality and fiscal year',
		eventsTitle: 'Classes (event list)',
		eventsFormat: 'The columns, in their order, of the event list (イベント一覧) of Japan’s standard open data sets for local governments (自治体標準オープンデータセット). Dates are YYYY-MM-DD and times hh:mm, Japan time. Column names and values are in Japanese.',
		eventsScope: 'Classes published from 1 April of this fiscal year onward. Drafts and cancelled classes are not included.',
		eventsEmpty: 'Columns without data (reading and English name of the event, extension number, …) are empty. URL is the class’s page.',
		participationTitle: 'Participation',
		participationHow: 'Per fiscal year (April to March): sessions held (published classes that have begun), attendances (present marks, walk-ins included), and seniors reached (people aged 65 or over who attended in the municipality, each counted once).',
		participationSuppressed: 'So that no one can be identified, counts from 1 to 4 are left empty (the note column says 「1〜4は秘匿」). Zero is shown as 0.',
		encodingTitle: 'Encoding and format',
		encodingCsv: 'CSV: UTF-8 with a BOM (UTF-8 BOM付き), lines ending in CRLF. Opens as it is in Excel.',
		encodingJson: 'JSON: UTF-8; an array of objects whose keys are the CSV’s column names.',
		noPersonalData: 'No personal data at all: no names, phone numbers or ages.',
		termsTitle: 'Terms of use',
		terms: 'The data is offered under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): copy, adapt and use it, commercially too, as long as you say where it comes from (tsunagu’s open data).',
		termsLink: 'About CC BY 4.0 (Creative Commons)',
		townsTitle: 'Classes per municipality',
		townsHow: 'Also published per municipality, under the standard’s file name ({municipality code}_event.csv).',
		townFiles: (name: string) => `Files for ${name}`,
		otherArea: 'Other'
	}
};
