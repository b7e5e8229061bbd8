import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { forgetIssued } from '$lib/server/issued-password.ts';

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		await locals.auth.signOut();
		forgetIssued(cookies, url);
		redirect(303, '/');
	}
};
