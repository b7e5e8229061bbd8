import type { PageServerLoad } from './$types';
import * as roles from '$lib/server/roles.ts';
import * as sessions from '$lib/server/office-sessions.ts';
import { twoMonthsFrom } from '$lib/server/office-forms.ts';
import { signedIn } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const period = twoMonthsFrom(null);
	const [towns, overview] = await Promise.all([roles.grantableMunicipalities(locals.db), sessions.overview(locals.db, period.from, period.to)]);
	return { towns, overview, period };
};
