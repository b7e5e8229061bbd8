import { describe, expect, it } from 'vitest';
import { calendarDate, describeDate, needsAttention, seriesDates } from './series-dates.ts';

describe('the dates of a series', () => {
	it('flags exactly the public holidays and the year-end days of a weekly series across the new year', () => {
		// Fridays from 2026-12-18: 12/25, 1/1 (元日, year-end), 1/8 … and 2/11 is a Thursday, so not in it.
		const dates = seriesDates('2026-12-18', 'weekly', 6);
		expect(dates.map((d) => d.date)).toEqual(['2026-12-18', '2026-12-25', '2027-01-01', '2027-01-08', '2027-01-15', '2027-01-22']);
		expect(dates.filter(needsAttention).map((d) => [d.date, d.holiday, d.yearEnd])).toEqual([['2027-01-01', '元日', true]]);
		// Mondays: 12/28 is a working day, 1/4 too; 1/11 is 成人の日.
		const mondays = seriesDates('2026-12-21', 'weekly', 4);
		expect(mondays.filter(needsAttention).map((d) => [d.date, d.holiday, d.yearEnd])).toEqual([['2027-01-11', '成人の日', false]]);
		// Tuesdays: 12/29 is the office's year-end, not a public holiday.
		expect(seriesDates('2026-12-22', 'weekly', 3).filter(needsAttention).map((d) => [d.date, d.holiday, d.yearEnd])).toEqual([['2026-12-29', null, true]]);
		expect(dates.every((d) => d.weekday === 5)).toBe(true);
	});

	it('steps every other week, and knows substitute holidays', () => {
		const dates = seriesDates('2027-04-19', 'biweekly', 4);
		expect(dates.map((d) => d.date)).toEqual(['2027-04-19', '2027-05-03', '2027-05-17', '2027-05-31']);
		expect(dates.filter(needsAttention).map((d) => d.holiday)).toEqual(['憲法記念日']);
		expect(describeDate('2027-03-22').holiday).toBe('春分の日 振替休日');
	});

	it('passes through February 29 in a leap year, and knows there is none in other years', () => {
		expect(seriesDates('2028-02-22', 'weekly', 3).map((d) => d.date)).toEqual(['2028-02-22', '2028-02-29', '2028-03-07']);
		expect(seriesDates('2027-02-22', 'weekly', 2).map((d) => d.date)).toEqual(['2027-02-22', '2027-03-01']);
		expect(calendarDate('2028-02-29')).not.toBeNull();
		expect(calendarDate('2027-02-29')).toBeNull();
		expect(calendarDate('2027-13-01')).toBeNull();
		expect(calendarDate('27-01-01')).toBeNull();
	});

	it('puts each date in its fiscal year: a series over April 1 spans two', () => {
		const dates = seriesDates('2027-03-18', 'weekly', 4);
		expect(dates.map((d) => [d.date, d.fiscalYear])).toEqual([
			['2027-03-18', 2026], ['2027-03-25', 2026], ['2027-04-01', 2027], ['2027-04-08', 2027]
		]);
	});

	it('keeps to 1–52 dates from a real date', () => {
		expect(() => seriesDates('2027-02-30', 'weekly', 2)).toThrow();
		expect(() => seriesDates('2027-01-01', 'weekly', 0)).toThrow();
		expect(() => seriesDates('2027-01-01', 'weekly', 53)).toThrow();
		expect(seriesDates('2027-01-05', 'weekly', 52).at(-1)!.date).toBe('2027-12-28');
	});
});
