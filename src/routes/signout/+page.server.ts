import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ locals }) => {
		await locals.auth.signOut();
		redirect(303, '/');
	}
};
