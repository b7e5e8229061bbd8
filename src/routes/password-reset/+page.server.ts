import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { resetRequestForm } from '$lib/domain/account-forms.ts';
import { messagesFor } from '$lib/messages/index.ts';
import { parseForm, readForm } from '$lib/server/forms.ts';

// Without SMTP there is no such page: the sign-in page says whom to ask instead.
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.passwordReset) error(404, 'not_found');
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!locals.passwordReset) error(404, 'not_found');
		const { data, failure } = parseForm(resetRequestForm, await readForm(request, ['email']), ['email']);
		if (failure) return failure;
		await locals.passwordReset.send(data.email, messagesFor(locals.preferences.lang));
		return { sent: data.email };
	}
};
