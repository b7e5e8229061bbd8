import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { fiscalYearOf } from '$lib/domain/wareki.ts';
import { fiscalYearAsked, targetFieldNames, targetsForm, typedTargets } from '$lib/domain/progress-form.ts';
import { metrics } from '$lib/domain/progress.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';
import { readOrRefuse, signedIn } from '$lib/server/office.ts';
import * as progress from '$lib/server/progress.ts';
import * as roles from '$lib/server/roles.ts';

/** The prefecture asked for (`?pref=07`), or the admin's first; SQL checks it is theirs. */
async function prefectureOf(url: URL, mine: () => Promise<{ prefecture_admin: string[] } | null>) {
	const asked = url.searchParams.get('pref');
	if (asked !== null && !/^\d{2}$/.test(asked)) error(404, 'not_found');
	return asked ?? (await mine())?.prefecture_admin[0] ?? error(403, 'not_allowed');
}

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	signedIn(locals, url);
	// The layout has read the roles already.
	const code = await prefectureOf(url, async () => (await parent()).roles);
	const fiscalYear = fiscalYearAsked(url, fiscalYearOf(new Date()));
	if (fiscalYear === null) error(404, 'not_found');
	const [prefecture, report] = await Promise.all([
		readOrRefuse(() => progress.prefectureDetails(locals.db, code)),
		readOrRefuse(() => progress.progress(locals.db, fiscalYear, code, null))
	]);
	return { prefecture, report, today: new Date().toISOString() };
};

export const actions: Actions = {
	targets: async ({ request, locals, url }) => {
		signedIn(locals, url);
		const code = await prefectureOf(url, () => roles.mine(locals.db));
		const { data, failure, values } = parseForm(targetsForm, await readForm(request, [...targetFieldNames]), [...targetFieldNames]);
		if (failure) return failure;
		const typed = typedTargets(data, metrics);
		const result = await orFail(() => progress.setTargets(locals.db, data.fiscal_year, code, null, typed), values);
		return result.failure ?? { done: 'targetsSaved' as const };
	}
};
