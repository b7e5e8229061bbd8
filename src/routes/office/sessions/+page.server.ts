import type { PageServerLoad } from './$types';
import * as sessions from '$lib/server/office-sessions.ts';
import * as venues from '$lib/server/venues.ts';
import { twoMonthsFrom } from '$lib/server/office-forms.ts';
import { readOrRefuse, signedIn, townOf } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const town = townOf(url);
	const period = twoMonthsFrom(url.searchParams.get('month'));
	const [{ municipality }, list] = await Promise.all([
		readOrRefuse(() => venues.list(locals.db, town)),
		readOrRefuse(() => sessions.list(locals.db, town, period.from, period.to))
	]);
	return { municipality, sessions: list, period, savedSeries: Number(url.searchParams.get('series')) || null, firstOfSeries: list.find((s) => s.id === url.searchParams.get('first'))?.id ?? null };
};
