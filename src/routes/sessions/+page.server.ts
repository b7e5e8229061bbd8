import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { readSearch, searchHref } from '$lib/domain/session-search.ts';
import { searchSessions } from '$lib/server/session-search.ts';
import * as sessions from '$lib/server/sessions.ts';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, max-age=0, must-revalidate' });
	const { search, ignored } = readSearch(url.searchParams);
	const [towns, topics] = await Promise.all([sessions.listMunicipalities(locals.db), sessions.listTopics(locals.db)]);
	const result = await searchSessions(locals.db, search, towns);
	// Past the last page (an old link, a typed number): the last page there is.
	const pages = Math.ceil(result.found.total / result.found.page_size);
	if (search.page > 1 && search.page > pages) redirect(303, searchHref(search, { page: Math.max(pages, 1) }));
	return { search, ignored, towns, topics, ...result };
};
