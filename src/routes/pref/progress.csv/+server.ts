import type { RequestHandler } from './$types';
import * as staffExports from '$lib/server/exports.ts';
import { csvDownload } from '$lib/server/exports/csv-download.ts';
import { encodingAsked, exportFileName, fiscalYearAsked, prefectureOf } from '$lib/server/exports/export-request.ts';
import { progressRows } from '$lib/server/exports/progress-rows.ts';
import { readOrRefuse, signedIn } from '$lib/server/office.ts';

// The prefecture's progress in a fiscal year, every town beside it: for the prefecture's admin.
export const GET: RequestHandler = async ({ locals, url }) => {
	signedIn(locals, url);
	const prefecture = prefectureOf(url);
	const year = fiscalYearAsked(url);
	const encoding = encodingAsked(url);
	const report = await readOrRefuse(() => staffExports.progress(locals.db, year, prefecture, null));
	return csvDownload(exportFileName(`pref${prefecture}`, 'progress', year), progressRows(report, prefecture), encoding);
};
