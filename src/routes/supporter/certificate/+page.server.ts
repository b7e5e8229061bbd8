import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { fiscalYearOf } from '$lib/domain/wareki.ts';
import { signedIn } from '$lib/server/office.ts';
import * as supporters from '$lib/server/supporters.ts';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	signedIn(locals, url);
	const current = fiscalYearOf(new Date());
	const asked = Number(url.searchParams.get('fy'));
	const fiscalYear = Number.isInteger(asked) && asked >= current - 10 && asked <= current ? asked : current;
	const me = await supporters.mine(locals.db);
	if (!me) redirect(303, '/supporter');
	return { activity: await supporters.activity(locals.db, fiscalYear), current, municipality: me.municipality_name };
};
