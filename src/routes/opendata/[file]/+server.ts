import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { eventColumns, openDataFile, participationColumns } from '$lib/domain/open-data.ts';
import { csvBytes, csvResponse } from '$lib/server/csv-file.ts';
import * as openData from '$lib/server/open-data.ts';

// The open data files (issue 11): events.csv, {code}_event.csv, participation.csv and their
// .json twins, for anyone, without signing in. One route reads every name (openDataFile), so
// events.csv and a town's file cannot collide; an unknown name or town is a 404.
// CSV in UTF-8 with a BOM (as the /opendata page says), for Excel and for the standard.
const cache = { 'cache-control': 'public, max-age=300' };

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const file = openDataFile(params.file);
	if (!file) error(404, 'not_found');
	if (file.kind === 'participation') {
		const records = (await openData.openDataParticipation(locals.db)).map(openData.participationRecord);
		return file.format === 'csv'
			? csvResponse(params.file, csvBytes(participationColumns, openData.csvRowsOf(participationColumns, records)), { public: true })
			: json(openData.jsonRecordsOf(participationColumns, records), { headers: cache });
	}
	const events = await openData.openDataEvents(locals.db, file.municipalityCode);
	if (!events) error(404, 'not_found');
	const context = { origin: url.origin, webRegistration: locals.desk !== null };
	const records = events.map((event) => openData.eventRecord(event, context));
	return file.format === 'csv'
		? csvResponse(params.file, csvBytes(eventColumns, openData.csvRowsOf(eventColumns, records)), { public: true })
		: json(openData.jsonRecordsOf(eventColumns, records), { headers: cache });
};
