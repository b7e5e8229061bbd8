import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { idField } from '$lib/domain/form-text.ts';
import { distinctFieldNames, mergeFieldNames } from '$lib/domain/progress-form.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';
import { readOrRefuse, signedIn, townOf } from '$lib/server/office.ts';
import * as progress from '$lib/server/progress.ts';
import * as sessions from '$lib/server/sessions.ts';

const mergeForm = z.object({ keep: idField('participant_not_found'), fold: idField('participant_not_found'), name: z.string().max(200).default('') });
const distinctForm = z.object({ a: idField('participant_not_found'), b: idField('participant_not_found') });

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const town = townOf(url);
	const [municipality, pairs] = await Promise.all([
		readOrRefuse(() => sessions.municipalityDetails(locals.db, town)),
		readOrRefuse(() => progress.duplicates(locals.db, town))
	]);
	return { municipality, pairs };
};

export const actions: Actions = {
	merge: async ({ request, locals, url }) => {
		signedIn(locals, url);
		townOf(url);
		const { data, failure } = parseForm(mergeForm, await readForm(request, [...mergeFieldNames, 'name']));
		if (failure) return failure;
		const result = await orFail(() => progress.mergeParticipants(locals.db, data.keep, data.fold), {});
		return result.failure ?? { done: 'merged' as const, name: data.name };
	},
	distinct: async ({ request, locals, url }) => {
		signedIn(locals, url);
		townOf(url);
		const { data, failure } = parseForm(distinctForm, await readForm(request, [...distinctFieldNames]));
		if (failure) return failure;
		const result = await orFail(() => progress.markDistinct(locals.db, data.a, data.b), {});
		return result.failure ?? { done: 'distinct' as const };
	}
};
