import { csvBytes, csvResponse, type CsvEncoding } from '../csv-file.ts';
import type { Cell } from '../csv-file.ts';

/** A staff export as a download: private, never cached, in the encoding asked for. */
export function csvDownload(filename: string, table: { header: readonly string[]; rows: readonly (readonly Cell[])[] }, encoding: CsvEncoding): Response {
	return csvResponse(filename, csvBytes(table.header, table.rows, encoding), { encoding });
}
