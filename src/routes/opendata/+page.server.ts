import type { PageServerLoad } from './$types';
import { groupByRegion } from '$lib/domain/session.ts';
import * as sessions from '$lib/server/sessions.ts';

// What /opendata offers: the files, and one event list per municipality under the standard's name.
export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	// As the other public pages: the header shows who is signed in, and the display switches change the page.
	setHeaders({ 'cache-control': 'private, max-age=0, must-revalidate' });
	return { areas: groupByRegion(await sessions.listMunicipalities(locals.db)) };
};
