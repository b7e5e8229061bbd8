import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as sessions from '$lib/server/sessions.ts';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	if (!/^\d{6}$/.test(params.code)) error(404, 'not_found');
	const town = await sessions.municipalityDetails(locals.db, params.code);
	if (!town) error(404, 'not_found');
	setHeaders({ 'cache-control': 'private, max-age=0, must-revalidate' });
	return { town, found: await sessions.findSessions(locals.db, { municipality: town.code, page: 1, page_size: 20 }) };
};
