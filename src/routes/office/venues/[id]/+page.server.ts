import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { archiveForm, venueFieldNames, venueForm } from '$lib/domain/venue-form.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';
import * as venues from '$lib/server/venues.ts';
import { idOf, readOrRefuse, signedIn } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	signedIn(locals, url);
	return { venue: await readOrRefuse(() => venues.read(locals.db, idOf(params.id))) };
};

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const id = idOf(params.id);
		const { data, failure, values } = parseForm(venueForm, await readForm(request, [...venueFieldNames]), [...venueFieldNames]);
		if (failure) return failure;
		const result = await orFail(() => venues.update(locals.db, id, data), values);
		if (result.failure) return result.failure;
		const venue = await readOrRefuse(() => venues.read(locals.db, id));
		redirect(303, `/office/venues?town=${venue.municipality_code}&saved=${id}`);
	},
	archive: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const id = idOf(params.id);
		const { data, failure } = parseForm(archiveForm, await readForm(request, ['archived']));
		if (failure) return failure;
		const result = await orFail(() => venues.archive(locals.db, id, data.archived), {}, 'archive');
		return result.failure ?? { archived: data.archived };
	}
};
