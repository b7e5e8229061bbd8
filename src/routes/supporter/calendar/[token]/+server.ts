import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { supporterCalendar } from '$lib/server/calendar.ts';

// A supporter's schedule at a private address, for a phone's calendar to subscribe to.
// Whoever holds the address sees the classes (not the seniors); renewing it revokes it.
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const token = params.token.replace(/\.ics$/, '');
	if (!/^[A-Za-z0-9_-]{32,64}$/.test(token) || !locals.desk) error(404, 'not_found');
	const entries = await locals.desk.supporterCalendar(token);
	if (!entries) error(404, 'not_found');
	return new Response(supporterCalendar(entries, url.origin, 'つなぐ サポーターの予定'), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="tsunagu-supporter.ics"',
			'cache-control': 'private, no-store',
			'referrer-policy': 'no-referrer'
		}
	});
};
