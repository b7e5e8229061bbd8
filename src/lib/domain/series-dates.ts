import holidayJp from '@holiday-jp/holiday_jp';

// The dates of a series (全n回), as calendar dates in Japan ('2027-01-08'): no time zone can
// move a class to the day before. Each date says whether it is a public holiday or falls in
// the year-end holidays most town offices close for (12/29–1/3), so that staff can skip it
// before anything is saved.

export type Cadence = 'weekly' | 'biweekly';

export interface SeriesDate {
	date: string;
	/** 0 for Sunday … 6 for Saturday. */
	weekday: number;
	/** The holiday's name (元日, 成人の日 …), or null. */
	holiday: string | null;
	/** Its name in English (New Year's Day …), or null. */
	holidayEn: string | null;
	yearEnd: boolean;
	/** The fiscal year (年度) the date belongs to: April to March. */
	fiscalYear: number;
}

export const maxSeriesLength = 52;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD, as a UTC midnight; null otherwise (2027-02-29, 2027-13-01). */
export function calendarDate(text: string): Date | null {
	const match = isoDate.exec(text);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const at = new Date(Date.UTC(year, month - 1, day));
	return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day ? at : null;
}

const written = (at: Date) => at.toISOString().slice(0, 10);

export function describeDate(date: string): SeriesDate {
	const at = calendarDate(date);
	if (!at) throw new Error(`Not a calendar date: ${date}`);
	const [month, day] = [at.getUTCMonth() + 1, at.getUTCDate()];
	const holidays = holidayJp.holidays as Record<string, { name: string; name_en: string } | undefined>;
	return {
		date,
		weekday: at.getUTCDay(),
		holiday: holidays[date]?.name ?? null,
		holidayEn: holidays[date]?.name_en ?? null,
		yearEnd: (month === 12 && day >= 29) || (month === 1 && day <= 3),
		fiscalYear: month >= 4 ? at.getUTCFullYear() : at.getUTCFullYear() - 1
	};
}

/** `count` dates from `first`, every week or every other week, each described. */
export function seriesDates(first: string, cadence: Cadence, count: number): SeriesDate[] {
	const start = calendarDate(first);
	if (!start) throw new Error(`Not a calendar date: ${first}`);
	if (!Number.isInteger(count) || count < 1 || count > maxSeriesLength) throw new Error(`A series has 1 to ${maxSeriesLength} dates`);
	const step = cadence === 'weekly' ? 7 : 14;
	return Array.from({ length: count }, (_, i) => describeDate(written(new Date(start.getTime() + i * step * 86_400_000))));
}

/** Whether staff should look at a date again before saving. */
export const needsAttention = (d: SeriesDate) => d.holiday !== null || d.yearEnd;
