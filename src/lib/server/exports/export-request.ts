import { error } from '@sveltejs/kit';
import { csvEncodingOf, type CsvEncoding } from '../csv-file.ts';
import { fiscalYearOf } from '../../domain/wareki.ts';

// What an export's address asks for, read strictly: a request that is not one of ours is a
// 400 (or a 404 for a place that cannot exist), never a 500 from SQL and never a guess.

/** `?fy=2026`, or this fiscal year when there is none. */
export function fiscalYearAsked(url: URL, now = new Date()): number {
	const asked = url.searchParams.get('fy');
	if (asked === null || asked === '') return fiscalYearOf(now);
	if (!/^\d{4}$/.test(asked) || Number(asked) < 2000 || Number(asked) > 2100) error(400, 'fiscal_year_invalid');
	return Number(asked);
}

/** `?encoding=shift_jis` (or sjis), `utf-8`, or none for UTF-8 with a BOM; anything else is a 400. */
export function encodingAsked(url: URL): CsvEncoding {
	const asked = (url.searchParams.get('encoding') ?? '').toLowerCase().replace(/[-_]/g, '');
	if (!['', 'utf8', 'shiftjis', 'sjis'].includes(asked)) error(400, 'encoding_invalid');
	return csvEncodingOf(url);
}

/** `?pref=07`: a prefecture's two-digit code; anything else is a 404. */
export function prefectureOf(url: URL): string {
	const code = url.searchParams.get('pref') ?? '';
	if (!/^(0[1-9]|[1-3][0-9]|4[0-7])$/.test(code)) error(404, 'not_found');
	return code;
}

/** An ASCII file name: tsunagu-072010-sessions-2026.csv. */
export const exportFileName = (...parts: (string | number)[]) => `tsunagu-${parts.join('-')}.csv`;
