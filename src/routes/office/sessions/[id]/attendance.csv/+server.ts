import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as staffExports from '$lib/server/exports.ts';
import { attendanceRows } from '$lib/server/exports/attendance-rows.ts';
import { csvDownload } from '$lib/server/exports/csv-download.ts';
import { encodingAsked, exportFileName } from '$lib/server/exports/export-request.ts';
import { isoDateInJapan } from '$lib/domain/wareki.ts';
import { idOf, readOrRefuse, signedIn } from '$lib/server/office.ts';

// A session's attendance list; `?names=1` adds names and phone numbers, which SQL gives the
// town's own staff only.
export const GET: RequestHandler = async ({ locals, url, params }) => {
	signedIn(locals, url);
	const id = idOf(params.id);
	const names = url.searchParams.get('names') ?? '0';
	if (names !== '0' && names !== '1') error(400, 'invalid_request');
	const encoding = encodingAsked(url);
	const data = await readOrRefuse(() => staffExports.attendance(locals.db, id, names === '1'));
	const date = isoDateInJapan(new Date(data.session.starts_at)).replace(/-/g, '');
	const name = exportFileName(data.session.municipality_code, 'attendance', date, id.slice(0, 8), ...(names === '1' ? ['names'] : []));
	return csvDownload(name, attendanceRows(data), encoding);
};
