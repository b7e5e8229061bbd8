import type { RequestHandler } from './$types';
import { sessionCalendar } from '$lib/server/calendar.ts';
import { visibleSession } from '$lib/server/session-page.ts';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const session = await visibleSession(locals.db, params.id);
	return new Response(sessionCalendar(session, url.origin), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="tsunagu-${session.id}.ics"`,
			'cache-control': 'private, max-age=0, must-revalidate'
		}
	});
};
