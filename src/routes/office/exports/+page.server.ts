import type { PageServerLoad } from './$types';
import * as staffExports from '$lib/server/exports.ts';
import { readOrRefuse, signedIn, townOf } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const choices = await readOrRefuse(() => staffExports.choices(locals.db, townOf(url)));
	return { choices };
};
