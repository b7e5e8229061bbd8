import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { managesAnything } from '$lib/domain/roles.ts';
import { signedIn } from '$lib/server/office.ts';

// Staff pages are theirs alone: not for a shared PC's cache, and not for anyone without a role.
// Check-in at a class is also for its assigned supporters, who hold no role: SQL decides there.
const forSupportersToo = new Set(['/office/sessions/[id]/attendance']);

export const load: LayoutServerLoad = async ({ locals, url, parent, setHeaders, route }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	signedIn(locals, url);
	const { roles } = await parent();
	if (!managesAnything(roles) && !forSupportersToo.has(route.id ?? '')) error(403, 'not_allowed');
	return {};
};
