import type { PageServerLoad } from './$types';
import { readSearch } from '$lib/domain/session-search.ts';
import { searchSessions } from '$lib/server/session-search.ts';
import * as sessions from '$lib/server/sessions.ts';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, max-age=0, must-revalidate' });
	const { search, ignored } = readSearch(url.searchParams);
	const [towns, topics] = await Promise.all([sessions.listMunicipalities(locals.db), sessions.listTopics(locals.db)]);
	const result = await searchSessions(locals.db, search, towns);
	return { search, ignored, towns, topics, ...result };
};
