import type { PageServerLoad } from './$types';
import { sheetFor } from '$lib/server/office-printables.ts';
import { idOf, signedIn } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	signedIn(locals, url);
	return sheetFor(locals.db, idOf(params.id));
};
