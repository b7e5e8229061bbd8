import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signInForm } from '$lib/domain/account-forms.ts';
import { safeReturnPath } from '$lib/domain/preferences.ts';
import { authFailure, formFields, parseForm } from '$lib/server/account-actions.ts';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next')));
	return { next: safeReturnPath(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const fields = formFields(await request.formData(), ['email', 'password']);
		const { data, failure } = parseForm(signInForm, fields);
		if (failure) return failure;
		try {
			await locals.auth.signIn(data.email, data.password);
		} catch (error) {
			return authFailure(error, data.email);
		}
		redirect(303, safeReturnPath(url.searchParams.get('next')));
	}
};
