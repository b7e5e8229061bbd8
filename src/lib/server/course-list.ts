import { parse } from 'csv-parse/sync';
import Encoding from 'encoding-japanese';

// A course's participant list as staff have it: pasted from Excel, or a CSV file saved by
// Excel (Shift_JIS on most municipal PCs, or UTF-8 with a BOM). One person per line: an
// e-mail address anywhere on the line, or else the first cell as a name.

export interface ListRow {
	/** The line in the file, counted from 1 as Excel shows it. */
	row: number;
	email: string;
	name: string;
}

/** The text of an uploaded file, whichever of the encodings Excel writes it is in. */
export function textOf(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
	} catch {
		return Encoding.convert(bytes, { to: 'UNICODE', from: 'SJIS', type: 'string' });
	}
}

const email = /[^\s@,;"'<>]+@[^\s@,;"'<>]+\.[^\s@,;"'<>]+/;
const heading = /^(e-?mail|メール|メールアドレス|name|氏名|名前|お名前|参加者)/i;

/** The people a list names, with their line numbers (blank lines and a heading skipped); null if it is not CSV. */
export function rowsOf(text: string, max = 2000): ListRow[] | null {
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true, delimiter: [',', '\t'], trim: true, bom: true }) as unknown as typeof records;
	} catch {
		// A quote never closed, most often: nothing sure can be read from the rest.
		return null;
	}
	const rows: ListRow[] = [];
	for (const { record, info } of records) {
		const cells = record.map((cell) => cell.normalize('NFKC').trim());
		if (cells.every((cell) => cell === '')) continue;
		if (rows.length === 0 && !cells.some((cell) => email.test(cell)) && cells.some((cell) => heading.test(cell))) continue;
		const found = cells.map((cell) => email.exec(cell)?.[0]).find(Boolean);
		// A name is the first cell that is not a row number (Excel lists often start with No.).
		const name = cells.find((cell) => cell !== '' && !/^[0-9]+\.?$/.test(cell)) ?? '';
		rows.push({ row: info.lines, email: found ?? '', name: found ? '' : name });
		if (rows.length >= max) break;
	}
	return rows;
}
