import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { newPasswordForm } from '$lib/domain/account-forms.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	if (!locals.passwordReset) error(404, 'not_found');
	// The address in the link is the key to the account: keep the page out of every cache.
	setHeaders({ 'cache-control': 'no-store' });
	return { link: await locals.passwordReset.state(params.token) };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const reset = locals.passwordReset;
		if (!reset) error(404, 'not_found');
		const { data, failure } = parseForm(newPasswordForm, await readForm(request, ['new_password']));
		if (failure) return failure;
		const result = await orFail(() => reset.reset(params.token, data.new_password), {}, 'new_password');
		return result.failure ?? { done: { email: result.value.email } };
	}
};
