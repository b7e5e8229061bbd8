import { describe, expect, it } from 'vitest';
import { fiscalYearOf, formatFiscalYear, formatMonthIn, formatSessionTime, formatWarekiDate, formatWarekiDay, isoDateInJapan } from './wareki.ts';

describe('和暦 dates', () => {
	it('formats a date in Japan time with era and weekday', () => {
		expect(formatWarekiDate(new Date('2025-12-03T04:30:00Z'))).toBe('令和7年12月3日(水)');
	});

	it('uses Japan time, not the server clock, across midnight UTC', () => {
		// 2025-12-03 23:30 UTC is already 4 December in Japan.
		expect(formatWarekiDate(new Date('2025-12-03T23:30:00Z'))).toBe('令和7年12月4日(木)');
	});

	it('writes the first year of an era as 元年', () => {
		expect(formatWarekiDate(new Date('2019-05-01T03:00:00Z'))).toBe('令和元年5月1日(水)');
		expect(formatWarekiDate(new Date('2019-04-30T03:00:00Z'))).toBe('平成31年4月30日(火)');
	});

	it('names a month, with 元年 and across the change of era', () => {
		expect(formatMonthIn('ja', '2027-01')).toBe('令和9年1月');
		expect(formatMonthIn('ja', '2019-05')).toBe('令和元年5月');
		expect(formatMonthIn('ja', '2019-04')).toBe('平成31年4月');
		expect(formatMonthIn('en', '2027-01')).toBe('January 2027');
	});

	it('formats a session time range', () => {
		expect(formatSessionTime(new Date('2025-12-03T04:30:00Z'), new Date('2025-12-03T06:00:00Z'))).toBe(
			'令和7年12月3日(水) 13:30〜15:00'
		);
	});
});

describe('fiscal year (年度)', () => {
	it('starts on 1 April in Japan time', () => {
		expect(fiscalYearOf(new Date('2025-03-31T14:59:59Z'))).toBe(2024); // 23:59 on 31 March JST
		expect(fiscalYearOf(new Date('2025-03-31T15:00:00Z'))).toBe(2025); // 00:00 on 1 April JST
		expect(fiscalYearOf(new Date('2026-01-15T00:00:00Z'))).toBe(2025);
	});

	it('names a fiscal year with its era', () => {
		expect(formatFiscalYear(2025)).toBe('令和7年度');
		expect(formatFiscalYear(2024)).toBe('令和6年度');
		expect(formatFiscalYear(2019)).toBe('令和元年度');
	});
});

describe('dates in the reader’s language', () => {
	it('writes English dates in English form, in Japan time', async () => {
		const { formatSessionTimeIn } = await import('./wareki.ts');
		const starts = new Date('2025-12-03T04:30:00Z');
		const ends = new Date('2025-12-03T06:00:00Z');
		expect(formatSessionTimeIn('en', starts, ends)).toBe('Wed, 3 December 2025, 13:30–15:00');
		expect(formatSessionTimeIn('ja', starts, ends)).toBe('令和7年12月3日(水) 13:30〜15:00');
	});
});

describe('dates for a spreadsheet', () => {
	it('writes the ISO date and the 和暦 date without the weekday, in Japan time', () => {
		expect(formatWarekiDay('2027-01-05')).toBe('令和9年1月5日');
		expect(formatWarekiDay('2019-05-01')).toBe('令和元年5月1日');
		expect(formatWarekiDay(new Date('2019-04-30T03:00:00Z'))).toBe('平成31年4月30日');
		expect(isoDateInJapan(new Date('2027-01-04T23:30:00Z'))).toBe('2027-01-05');
	});
});
