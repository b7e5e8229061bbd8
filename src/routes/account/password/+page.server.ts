import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changePasswordForm } from '$lib/domain/account-forms.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/signin?next=/account/password');
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/signin?next=/account/password');
		const fields = await readForm(request, ['current_password', 'new_password']);
		const { data, failure, values } = parseForm(changePasswordForm, fields);
		if (failure) return failure;
		// A wrong current password is reported on its own field.
		const result = await orFail(() => locals.auth.changePassword(data.current_password, data.new_password), values, 'current_password');
		return result.failure ?? { done: true as const };
	}
};
