import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changePasswordForm } from '$lib/domain/account-forms.ts';
import { authFailure, formFields, parseForm } from '$lib/server/account-actions.ts';
import { AuthError } from '$lib/server/auth/port.ts';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/signin?next=/account/password');
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/signin?next=/account/password');
		const fields = formFields(await request.formData(), ['current_password', 'new_password']);
		const { data, failure } = parseForm(changePasswordForm, fields);
		if (failure) return failure;
		try {
			await locals.auth.changePassword(data.current_password, data.new_password);
		} catch (error) {
			if (error instanceof AuthError && error.code === 'invalid_credentials') {
				return fail(400, { email: '', errors: { current_password: 'current_password_wrong' } });
			}
			return authFailure(error, '');
		}
		return { done: true };
	}
};
