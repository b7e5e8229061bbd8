import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as roles from '$lib/server/roles.ts';

// The prefecture admin's button for retention, which the server also runs daily. The period
// is the server's (RETENTION_YEARS), never the button's.
async function prefectureAdmin(locals: App.Locals) {
	if (!locals.user) redirect(303, '/signin?next=/admin/retention');
	if ((await roles.mine(locals.db)).prefecture_admin.length === 0) error(403, 'not_allowed');
}

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	await prefectureAdmin(locals);
	return { years: locals.retentionYears, available: locals.eraseExpiredNow !== null };
};

export const actions: Actions = {
	erase: async ({ locals }) => {
		await prefectureAdmin(locals);
		if (!locals.eraseExpiredNow) error(404, 'not_found');
		const erased = await locals.eraseExpiredNow();
		return { erased };
	}
};
