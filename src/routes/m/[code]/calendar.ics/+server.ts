import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { municipalityCalendar } from '$lib/server/calendar.ts';
import * as sessions from '$lib/server/sessions.ts';

// A town's classes, for a phone or an office PC to subscribe to.
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!/^\d{6}$/.test(params.code)) error(404, 'not_found');
	const [town, upcoming] = await Promise.all([sessions.municipalityDetails(locals.db, params.code), sessions.municipalityCalendar(locals.db, params.code)]);
	if (!town) error(404, 'not_found');
	return new Response(municipalityCalendar(upcoming, url.origin, `${town.name} スマホ教室`), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `inline; filename="tsunagu-${town.code}.ics"`,
			'cache-control': 'public, max-age=300'
		}
	});
};
