import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { fieldOfSqlCode, sessionFieldNames, sessionForm } from '$lib/domain/session-form.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';
import * as sessions from '$lib/server/office-sessions.ts';
import { sessionChoices, templateFrom } from '$lib/server/office-forms.ts';
import { signedIn, townOf } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const town = townOf(url);
	const [choices, template] = await Promise.all([sessionChoices(locals.db, town), templateFrom(locals.db, url, town)]);
	return { ...choices, template };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		signedIn(locals, url);
		const town = townOf(url);
		const { data, failure, values } = parseForm(sessionForm, await readForm(request, [...sessionFieldNames]), [...sessionFieldNames]);
		if (failure) return failure;
		const result = await orFail(() => sessions.create(locals.db, town, data), values, fieldOfSqlCode);
		if (result.failure) return result.failure;
		redirect(303, `/office/sessions/${result.value.id}?saved=1`);
	}
};
