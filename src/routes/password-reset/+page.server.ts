import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { resetRequestForm } from '$lib/domain/account-forms.ts';
import { messagesFor } from '$lib/messages/index.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';

// Without SMTP there is no such page: the sign-in page says whom to ask instead.
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.passwordReset) error(404, 'not_found');
};

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress, setHeaders }) => {
		if (!locals.passwordReset) error(404, 'not_found');
		const reset = locals.passwordReset;
		const { data, failure, values } = parseForm(resetRequestForm, await readForm(request, ['email']), ['email']);
		if (failure) return failure;
		// The answer repeats the address: not for a shared PC's cache.
		setHeaders({ 'cache-control': 'no-store' });
		const result = await orFail(() => reset.send(data.email, messagesFor(locals.preferences.lang), getClientAddress()), values);
		return result.failure ?? { sent: data.email };
	}
};
