import { stringify } from 'csv-stringify/sync';
import Encoding from 'encoding-japanese';

// CSV as municipal offices open it: in Excel, which reads UTF-8 only with a BOM, and on
// older PCs as Shift_JIS. Lines end in CRLF, as Excel writes them.

export type CsvEncoding = 'utf-8' | 'shift_jis';

export type Cell = string | number | null | undefined;

/** The encoding a request asks for (`?encoding=shift_jis`, or `sjis`); UTF-8 otherwise. */
export function csvEncodingOf(url: URL): CsvEncoding {
	const asked = (url.searchParams.get('encoding') ?? '').toLowerCase().replace(/[-_]/g, '');
	return asked === 'shiftjis' || asked === 'sjis' ? 'shift_jis' : 'utf-8';
}

// A cell Excel would take for a formula (=, +, -, @, or a tab or return first) is written
// with a leading apostrophe, so that a name typed as "=HYPERLINK(…)" stays text.
const formulaStart = /^[=+\-@\t\r]/;
const asText = (cell: Cell): string => {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'number') return String(cell);
	return formulaStart.test(cell) ? `'${cell}` : cell;
};

/** The bytes of a CSV file: a heading line, then the rows. */
export function csvBytes(header: readonly string[], rows: readonly (readonly Cell[])[], encoding: CsvEncoding = 'utf-8'): Uint8Array {
	const text = stringify([header.map(asText), ...rows.map((row) => row.map(asText))], { record_delimiter: '\r\n' });
	if (encoding === 'shift_jis') {
		// Characters Shift_JIS lacks (emoji, some rare kanji) become '?', as Excel itself writes them.
		return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
	}
	const body = new TextEncoder().encode(text);
	const bytes = new Uint8Array(body.length + 3);
	bytes.set([0xef, 0xbb, 0xbf]);
	bytes.set(body, 3);
	return bytes;
}

export interface CsvResponseOptions {
	encoding?: CsvEncoding;
	/** Open data is public and may be cached; staff exports hold the town's own data and are not. */
	public?: boolean;
}

/** A CSV file as a download named `filename` (ASCII), with its encoding said in the type. */
export function csvResponse(filename: string, bytes: Uint8Array, options: CsvResponseOptions = {}): Response {
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': `text/csv; charset=${options.encoding === 'shift_jis' ? 'Shift_JIS' : 'utf-8'}; header=present`,
			'content-disposition': `${options.public ? 'inline' : 'attachment'}; filename="${filename}"`,
			'cache-control': options.public ? 'public, max-age=300' : 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
