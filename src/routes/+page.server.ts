import type { PageServerLoad } from './$types';
import * as sessions from '$lib/server/sessions.ts';

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	// Listing changes as seats fill; shared caches must not keep one person's view.
	setHeaders({ 'cache-control': 'private, max-age=0, must-revalidate' });
	const [towns, soonest] = await Promise.all([
		sessions.listMunicipalities(locals.db),
		sessions.findSessions(locals.db, { page: 1, page_size: 10 })
	]);
	return { towns, soonest };
};
