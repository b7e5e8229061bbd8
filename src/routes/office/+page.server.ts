import type { PageServerLoad } from './$types';
import * as roles from '$lib/server/roles.ts';
import { signedIn } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	return { towns: await roles.grantableMunicipalities(locals.db) };
};
