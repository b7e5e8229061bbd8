import type { exportsJa } from '../ja/exports.ts';

export const exportsEn: typeof exportsJa = {
	exports: {
		link: 'Export data (CSV)',
		title: (town: string) => `Export ${town}’s data (CSV)`,
		intro: 'Files of tables (CSV) that open in Excel. The files are in Japanese; each date is in two columns, as 2026-12-01 and in the Japanese era (令和8年12月1日).',
		fiscalYear: 'Fiscal year',
		fiscalYearNow: (year: string) => `${year} (this year)`,
		encoding: 'Character encoding',
		encodings: { 'utf-8': 'Excel standard (UTF-8)', shift_jis: 'For older Excel (Shift_JIS)' },
		encodingHint: 'Choose “Excel standard” unless an older Excel shows garbled characters; then choose Shift_JIS.',
		sessions: 'Sessions',
		sessionsHint: 'Each session of the fiscal year: date, time, venue, capacity, registrations, attendance (and how many aged 65 and over), supporters. No names.',
		sessionsDownload: 'Download the sessions',
		progress: 'Progress toward the targets',
		progressHint: 'Unique seniors, attendances, sessions held and more, with the targets, by month, topic and age band, in one table. No names.',
		progressDownload: 'Download the progress',
		attendance: 'Attendance (per session)',
		attendanceHint: 'Each session’s attendance is exported from that session’s page.',
		attendanceOpen: 'Open the list of sessions',
		personalTitle: 'Attendance with names is personal data',
		personalNote:
			'Only this municipality’s staff can make the file with names, readings and phone numbers. Use it only for what participants were told (contacting them about the class and checking attendance), and delete it when done. Do not send it by e-mail or keep it on a shared PC.',
		attendanceCsv: 'Attendance (without names)',
		attendanceWithNames: 'Attendance with names and phone numbers (personal data)'
	},
	exportErrors: {
		fiscal_year_invalid: 'Choose the fiscal year again.',
		encoding_invalid: 'Choose the encoding: Excel standard or Shift_JIS.'
	}
};
