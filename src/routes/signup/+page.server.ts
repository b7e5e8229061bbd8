import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signUpForm } from '$lib/domain/account-forms.ts';
import { authFailure, formFields, parseForm } from '$lib/server/account-actions.ts';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const fields = formFields(await request.formData(), ['email', 'password']);
		const { data, failure } = parseForm(signUpForm, fields);
		if (failure) return failure;
		try {
			await locals.auth.signUp(data.email, data.password);
		} catch (error) {
			return authFailure(error, data.email);
		}
		redirect(303, '/');
	}
};
