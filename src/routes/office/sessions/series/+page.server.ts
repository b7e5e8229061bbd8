import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { seriesPlanForm, sessionFieldNames, sessionForm } from '$lib/domain/session-form.ts';
import { calendarDate, describeDate, needsAttention, seriesDates } from '$lib/domain/series-dates.ts';
import { orFail, parseForm, readFormWithList, refuse } from '$lib/server/forms.ts';
import * as sessions from '$lib/server/office-sessions.ts';
import { sessionChoices, templateFrom } from '$lib/server/office-forms.ts';
import { signedIn, townOf } from '$lib/server/office.ts';

const names = [...sessionFieldNames, 'cadence', 'count'];

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const town = townOf(url);
	const [choices, template] = await Promise.all([sessionChoices(locals.db, town), templateFrom(locals.db, url, town)]);
	return { ...choices, template };
};

/** The session and the plan, checked together so that every mistake shows at once. */
async function readPlan(request: Request) {
	const { fields, values: dates } = await readFormWithList(request, names, 'dates', 60);
	const session = parseForm(sessionForm, fields, names);
	const plan = parseForm(seriesPlanForm, fields, names);
	if (session.failure || plan.failure) {
		const errors = { ...(session.failure?.data.errors ?? {}), ...(plan.failure?.data.errors ?? {}) };
		return { failure: refuse(400, session.values, errors), ticked: dates.filter((d) => calendarDate(d) !== null).slice(0, 52) };
	}
	return { session: session.data!, plan: plan.data!, dates, values: session.values };
}

export const actions: Actions = {
	// Step one: the dates the plan gives, holidays and the year-end left unticked.
	preview: async ({ request, locals, url }) => {
		signedIn(locals, url);
		townOf(url);
		const read = await readPlan(request);
		if (read.failure) return read.failure;
		const dates = seriesDates(read.session.date, read.plan.cadence, read.plan.count).map((d) => ({ ...d, chosen: !needsAttention(d) }));
		return { values: read.values, dates };
	},
	// Step two: the dates staff kept, saved in one go.
	save: async ({ request, locals, url }) => {
		signedIn(locals, url);
		const town = townOf(url);
		const read = await readPlan(request);
		// A mistake elsewhere keeps the dates as they were ticked, to save once it is put right.
		if (read.failure) return fail(read.failure.status, { ...read.failure.data, dates: read.ticked.map((d) => ({ ...describeDate(d), chosen: true })) });
		const offered = seriesDates(read.session.date, read.plan.cadence, read.plan.count);
		// The first date, the interval or the count changed since the dates were shown: show them again.
		if (read.dates.some((d) => !offered.some((o) => o.date === d))) {
			return fail(400, { values: read.values, errors: { dates: 'series_dates_changed' }, dates: offered.map((d) => ({ ...d, chosen: !needsAttention(d) })) });
		}
		const chosen = offered.map((d) => d.date).filter((d) => read.dates.includes(d));
		const result = await orFail(() => sessions.createSeries(locals.db, town, read.session, chosen), read.values, 'dates');
		// Refused: the dates stay on the page as they were ticked.
		if (result.failure) return fail(result.failure.status, { ...result.failure.data, dates: offered.map((d) => ({ ...d, chosen: chosen.includes(d.date) })) });
		redirect(303, `/office/sessions?town=${town}&month=${chosen[0]!.slice(0, 7)}&series=${result.value.ids.length}&first=${result.value.ids[0]}`);
	}
};
