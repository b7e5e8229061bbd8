import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { idField } from '$lib/domain/form-text.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';
import * as sessions from '$lib/server/office-sessions.ts';
import { idOf, readOrRefuse, signedIn } from '$lib/server/office.ts';
import * as supporters from '$lib/server/supporters.ts';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	signedIn(locals, url);
	const id = idOf(params.id);
	const [session, staffing] = await Promise.all([readOrRefuse(() => sessions.read(locals.db, id)), readOrRefuse(() => supporters.forSession(locals.db, id))]);
	return { session, staffing };
};

const staffForm = z.object({
	supporter_id: idField('supporter_not_found'),
	action: z.enum(['assign', 'decline', 'ask', 'remove'], { error: 'invalid_request' })
});

const activityForm = z.object({
	supporter_id: idField('supporter_not_found'),
	attended: z.enum(['yes', 'no'], { error: 'invalid_request' }).transform((v) => v === 'yes'),
	minutes: z
		.string()
		.transform((v) => v.normalize('NFKC').trim())
		.refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 720), 'minutes_invalid')
		.transform((v) => (v === '' ? null : Number(v)))
});

export const actions: Actions = {
	activity: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const id = idOf(params.id);
		const { data, failure } = parseForm(activityForm, await readForm(request, ['supporter_id', 'attended', 'minutes']));
		if (failure) return failure;
		const result = await orFail(() => supporters.recordActivity(locals.db, id, data.supporter_id, data.attended, data.minutes), {}, 'staffing');
		if (result.failure) return result.failure;
		return { recorded: true };
	},
	staff: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const id = idOf(params.id);
		const { data, failure } = parseForm(staffForm, await readForm(request, ['supporter_id', 'action']));
		if (failure) return failure;
		const result = await orFail(() => supporters.staff(locals.db, id, data.supporter_id, data.action), {}, 'staffing');
		if (result.failure) return result.failure;
		return { done: data.action, status: result.value.status };
	}
};
