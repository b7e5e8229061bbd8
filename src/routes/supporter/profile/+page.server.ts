import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signedIn } from '$lib/server/office.ts';
import { saveProfileFrom } from '$lib/server/supporter-forms.ts';
import * as supporters from '$lib/server/supporters.ts';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	signedIn(locals, url);
	const [me, choices] = await Promise.all([supporters.mine(locals.db), supporters.profileChoices(locals.db)]);
	if (!me) redirect(303, '/supporter');
	return { me, ...choices };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		signedIn(locals, url);
		const result = await saveProfileFrom(request, locals.db);
		if (result.failure) return result.failure;
		redirect(303, '/supporter?saved=1');
	}
};
