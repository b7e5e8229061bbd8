import type { LayoutServerLoad } from './$types';
import * as roles from '$lib/server/roles.ts';

export const load: LayoutServerLoad = async ({ locals, url }) => ({
	user: locals.user,
	roles: locals.user ? await roles.mine(locals.db) : null,
	preferences: locals.preferences,
	path: url.pathname + url.search
});
