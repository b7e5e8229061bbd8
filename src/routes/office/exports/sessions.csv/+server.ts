import type { RequestHandler } from './$types';
import * as staffExports from '$lib/server/exports.ts';
import { csvDownload } from '$lib/server/exports/csv-download.ts';
import { encodingAsked, exportFileName, fiscalYearAsked } from '$lib/server/exports/export-request.ts';
import { sessionRows } from '$lib/server/exports/session-rows.ts';
import { readOrRefuse, signedIn, townOf } from '$lib/server/office.ts';

// A town's sessions of a fiscal year, with their seats and attendance.
export const GET: RequestHandler = async ({ locals, url }) => {
	signedIn(locals, url);
	const town = townOf(url);
	const year = fiscalYearAsked(url);
	const encoding = encodingAsked(url);
	const data = await readOrRefuse(() => staffExports.sessions(locals.db, town, year));
	return csvDownload(exportFileName(town, 'sessions', year), sessionRows(data.sessions), encoding);
};
