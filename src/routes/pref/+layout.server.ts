import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { signedIn } from '$lib/server/office.ts';

// The prefecture's pages are its admins' alone, and not for a shared PC's cache.
export const load: LayoutServerLoad = async ({ locals, url, parent, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	signedIn(locals, url);
	const { roles } = await parent();
	if (!roles || roles.prefecture_admin.length === 0) error(403, 'not_allowed');
	return {};
};
