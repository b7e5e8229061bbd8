// Dates as seniors read them: 令和7年12月3日(水) 13:30, in Japan time wherever the server runs.
const timeZone = 'Asia/Tokyo';

const dateFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
	era: 'long',
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
	weekday: 'short',
	timeZone
});
const timeFormat = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });
const eraYearFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone });

/** 令和7年12月3日(水) */
export function formatWarekiDate(at: Date): string {
	const parts = dateFormat.formatToParts(at);
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
	const year = part('year') === '1' ? '元' : part('year');
	return `${part('era')}${year}年${part('month')}月${part('day')}日(${part('weekday')})`;
}

/** 13:30 */
export function formatTime(at: Date): string {
	return timeFormat.format(at);
}

/** 令和7年12月3日(水) 13:30〜15:00 */
export function formatSessionTime(startsAt: Date, endsAt: Date): string {
	return `${formatWarekiDate(startsAt)} ${formatTime(startsAt)}〜${formatTime(endsAt)}`;
}

/** The fiscal year (年度) a moment falls in: April to March, in Japan time. */
export function fiscalYearOf(at: Date): number {
	const [year, month] = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: 'numeric', timeZone })
		.format(at)
		.split('-')
		.map(Number);
	return month! >= 4 ? year! : year! - 1;
}

/** 令和7年度 for 2025 */
export function formatFiscalYear(fiscalYear: number): string {
	// Mid-year, so the era is the one the fiscal year mostly belongs to.
	const parts = eraYearFormat.formatToParts(new Date(Date.UTC(fiscalYear, 9, 1)));
	const era = parts.find((p) => p.type === 'era')?.value ?? '';
	const year = parts.find((p) => p.type === 'year')?.value ?? '';
	return `${era}${year === '1' ? '元' : year}年度`;
}

/** A fiscal year in the reader's language: 令和8年度, or FY2026. */
export const formatFiscalYearIn = (lang: 'ja' | 'en', fiscalYear: number) => (lang === 'en' ? `FY${fiscalYear}` : formatFiscalYear(fiscalYear));

const englishDate = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone });

/** The session's time in the reader's language: 令和7年12月3日(水) 13:30〜15:00, or Wed, 3 December 2025, 13:30–15:00. */
export function formatSessionTimeIn(lang: 'ja' | 'en', startsAt: Date, endsAt: Date): string {
	if (lang === 'ja') return formatSessionTime(startsAt, endsAt);
	return `${englishDate.format(startsAt)}, ${formatTime(startsAt)}–${formatTime(endsAt)}`;
}

/** A date with its time in the reader's language. */
export function formatDateTimeIn(lang: 'ja' | 'en', at: Date): string {
	return lang === 'ja' ? `${formatWarekiDate(at)} ${formatTime(at)}` : `${englishDate.format(at)}, ${formatTime(at)}`;
}

const englishMonth = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone });

/** A month (2027-01) in the reader's language: 令和9年1月, or January 2027. */
export function formatMonthIn(lang: 'ja' | 'en', month: string): string {
	const middle = new Date(`${month}-15T12:00:00+09:00`);
	if (lang === 'en') return englishMonth.format(middle);
	const parts = eraYearFormat.formatToParts(middle);
	const year = parts.find((p) => p.type === 'year')?.value ?? '';
	return `${parts.find((p) => p.type === 'era')?.value ?? ''}${year === '1' ? '元' : year}年${Number(month.slice(5, 7))}月`;
}

const englishDay = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone });

/** A calendar date (2027-01-08) or a moment's date, in the reader's language: 令和9年1月8日(金), or Fri, 8 January 2027. */
export function formatDateIn(lang: 'ja' | 'en', date: string | Date): string {
	const at = typeof date === 'string' ? new Date(`${date}T12:00:00+09:00`) : date;
	return lang === 'ja' ? formatWarekiDate(at) : englishDay.format(at);
}

const isoDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });

/** A moment's date in Japan, as ISO writes it: 2027-01-05. */
export function isoDateInJapan(at: Date): string {
	return isoDay.format(at);
}

/** A date in the era, without the weekday, as a form or a spreadsheet column wants it: 令和9年1月5日, 令和元年5月1日. */
export function formatWarekiDay(date: string | Date): string {
	const at = typeof date === 'string' ? new Date(`${date}T12:00:00+09:00`) : date;
	return formatWarekiDate(at).replace(/\(.\)$/, '');
}
