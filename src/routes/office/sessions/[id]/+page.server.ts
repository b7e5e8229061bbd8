import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { cancelForm, fieldOfSqlCode, sessionFieldNames, sessionForm } from '$lib/domain/session-form.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';
import * as sessions from '$lib/server/office-sessions.ts';
import { formValuesOf, sessionChoices } from '$lib/server/office-forms.ts';
import { idOf, readOrRefuse, signedIn } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	signedIn(locals, url);
	const session = await readOrRefuse(() => sessions.read(locals.db, idOf(params.id)));
	return { session, values: formValuesOf(session), ...(await sessionChoices(locals.db, session.municipality_code)), saved: url.searchParams.has('saved'), tell: Math.min(Number(url.searchParams.get('tell')) || 0, 1000) };
};

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const id = idOf(params.id);
		const { data, failure, values } = parseForm(sessionForm, await readForm(request, [...sessionFieldNames]), [...sessionFieldNames]);
		if (failure) return failure;
		const result = await orFail(() => sessions.update(locals.db, id, data), values, fieldOfSqlCode);
		if (result.failure) return result.failure;
		locals.publicPagesChanged();
		const { rescheduled, venue_changed: moved, registrations } = result.value;
		redirect(303, `/office/sessions/${id}?saved=1${(rescheduled || moved) && registrations > 0 ? `&tell=${registrations}` : ''}`);
	},
	publish: async ({ locals, url, params }) => {
		signedIn(locals, url);
		const result = await orFail(() => sessions.publish(locals.db, idOf(params.id)), {}, 'publish');
		if (result.failure) return result.failure;
		locals.publicPagesChanged();
		return { done: 'published' as const };
	},
	publishSeries: async ({ locals, url, params }) => {
		signedIn(locals, url);
		const session = await readOrRefuse(() => sessions.read(locals.db, idOf(params.id)));
		if (!session.series_id) return { done: 'seriesPublished' as const, published: 0 };
		const result = await orFail(() => sessions.publishSeries(locals.db, session.series_id!), {}, 'publish');
		if (result.failure) return result.failure;
		locals.publicPagesChanged();
		return { done: 'seriesPublished' as const, published: result.value.published };
	},
	cancel: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const { data, failure } = parseForm(cancelForm, await readForm(request, ['reason']), ['reason']);
		if (failure) return failure;
		const result = await orFail(() => sessions.cancel(locals.db, idOf(params.id), data.reason), { reason: data.reason }, 'reason');
		if (result.failure) return result.failure;
		locals.publicPagesChanged();
		return { done: 'cancelled' as const, registrations: result.value.registrations };
	}
};
