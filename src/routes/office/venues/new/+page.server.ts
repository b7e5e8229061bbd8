import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { venueFieldNames, venueForm } from '$lib/domain/venue-form.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';
import * as venues from '$lib/server/venues.ts';
import { readOrRefuse, signedIn, townOf } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const { municipality } = await readOrRefuse(() => venues.list(locals.db, townOf(url)));
	return { municipality };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		signedIn(locals, url);
		const town = townOf(url);
		const { data, failure, values } = parseForm(venueForm, await readForm(request, [...venueFieldNames]), [...venueFieldNames]);
		if (failure) return failure;
		const result = await orFail(() => venues.create(locals.db, town, data), values);
		if (result.failure) return result.failure;
		redirect(303, `/office/venues?town=${town}&saved=${result.value.id}`);
	}
};
