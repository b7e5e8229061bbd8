import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signUpForm } from '$lib/domain/account-forms.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const fields = await readForm(request, ['email', 'password']);
		const { data, failure, values } = parseForm(signUpForm, fields, ['email']);
		if (failure) return failure;
		const result = await orFail(() => locals.auth.signUp(data.email, data.password), values);
		// The same answer whether or not the address was taken: sign in next.
		return result.failure ?? { registered: true as const, values };
	}
};
