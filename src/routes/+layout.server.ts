import type { LayoutServerLoad } from './$types';
import * as roles from '$lib/server/roles.ts';

// Every page is a server-rendered form: no JavaScript to download on an old phone. A route
// that needs the browser (offline check-in, say) opts in with `export const csr = true`.
export const csr = false;

export const load: LayoutServerLoad = async ({ locals, url }) => ({
	user: locals.user,
	roles: locals.user ? await roles.mine(locals.db) : null,
	preferences: locals.preferences,
	path: url.pathname + url.search
});
