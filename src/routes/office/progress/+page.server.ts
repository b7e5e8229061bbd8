import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { fiscalYearOf } from '$lib/domain/wareki.ts';
import { fiscalYearAsked, targetFieldNames, targetsForm, typedTargets } from '$lib/domain/progress-form.ts';
import { townMetrics } from '$lib/domain/progress.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';
import { readOrRefuse, signedIn, townOf } from '$lib/server/office.ts';
import * as progress from '$lib/server/progress.ts';
import * as sessions from '$lib/server/sessions.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const town = townOf(url);
	const fiscalYear = fiscalYearAsked(url, fiscalYearOf(new Date()));
	if (fiscalYear === null) error(404, 'not_found');
	const [municipality, report] = await Promise.all([
		readOrRefuse(() => sessions.municipalityDetails(locals.db, town)),
		readOrRefuse(() => progress.progress(locals.db, fiscalYear, town.slice(0, 2), town))
	]);
	return { municipality, report, today: new Date().toISOString() };
};

export const actions: Actions = {
	targets: async ({ request, locals, url }) => {
		signedIn(locals, url);
		const town = townOf(url);
		const { data, failure, values } = parseForm(targetsForm, await readForm(request, [...targetFieldNames]), [...targetFieldNames]);
		if (failure) return failure;
		const typed = typedTargets(data, townMetrics);
		const result = await orFail(() => progress.setTargets(locals.db, data.fiscal_year, town.slice(0, 2), town, typed), values);
		return result.failure ?? { done: 'targetsSaved' as const };
	}
};
