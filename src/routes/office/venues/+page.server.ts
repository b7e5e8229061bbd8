import type { PageServerLoad } from './$types';
import * as venues from '$lib/server/venues.ts';
import { readOrRefuse, signedIn, townOf } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const town = townOf(url);
	const { municipality, venues: list } = await readOrRefuse(() => venues.list(locals.db, town));
	return { municipality, venues: list, saved: list.find((v) => v.id === url.searchParams.get('saved')) ?? null };
};
