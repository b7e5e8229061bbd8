import type { RequestHandler } from './$types';
import * as staffExports from '$lib/server/exports.ts';
import { csvDownload } from '$lib/server/exports/csv-download.ts';
import { encodingAsked, exportFileName, fiscalYearAsked } from '$lib/server/exports/export-request.ts';
import { progressRows } from '$lib/server/exports/progress-rows.ts';
import { readOrRefuse, signedIn, townOf } from '$lib/server/office.ts';

// A town's progress toward its targets in a fiscal year, for its staff and the prefecture's admin.
export const GET: RequestHandler = async ({ locals, url }) => {
	signedIn(locals, url);
	const town = townOf(url);
	const year = fiscalYearAsked(url);
	const encoding = encodingAsked(url);
	// A municipality code begins with its prefecture's.
	const report = await readOrRefuse(() => staffExports.progress(locals.db, year, town.slice(0, 2), town));
	return csvDownload(exportFileName(town, 'progress', year), progressRows(report, town), encoding);
};
