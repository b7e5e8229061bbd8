import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signInForm } from '$lib/domain/account-forms.ts';
import { safeReturnPath } from '$lib/domain/return-path.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next')));
	return { next: safeReturnPath(url.searchParams.get('next')), resetByMail: locals.passwordReset !== null };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const fields = await readForm(request, ['email', 'password']);
		const { data, failure, values } = parseForm(signInForm, fields, ['email']);
		if (failure) return failure;
		const result = await orFail(() => locals.auth.signIn(data.email, data.password), values);
		if (result.failure) return result.failure;
		redirect(303, safeReturnPath(url.searchParams.get('next')));
	}
};
