import type { PageServerLoad } from './$types';
import { visibleSession } from '$lib/server/session-page.ts';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, max-age=0, must-revalidate' });
	return { session: await visibleSession(locals.db, params.id) };
};
