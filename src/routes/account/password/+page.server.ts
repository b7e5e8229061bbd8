import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changePasswordForm, newPasswordForm } from '$lib/domain/account-forms.ts';
import { safeReturnPath } from '$lib/domain/return-path.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, '/signin?next=/account/password');
	return { mustChange: locals.user.mustChangePassword === true, next: safeReturnPath(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/signin?next=/account/password');
		if (locals.user.mustChangePassword) {
			const { data, failure, values } = parseForm(newPasswordForm, await readForm(request, ['new_password']));
			if (failure) return failure;
			const result = await orFail(() => locals.auth.changePassword(null, data.new_password), values, 'new_password');
			return result.failure ?? { done: true as const };
		}
		const fields = await readForm(request, ['current_password', 'new_password']);
		const { data, failure, values } = parseForm(changePasswordForm, fields);
		if (failure) return failure;
		// A wrong current password is reported on its own field.
		const result = await orFail(() => locals.auth.changePassword(data.current_password, data.new_password), values, 'current_password');
		return result.failure ?? { done: true as const };
	}
};
