import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
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
	supporter_id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'supporter_not_found'),
	action: z.enum(['assign', 'decline', 'ask', 'remove'], { error: 'invalid_request' })
});

export const actions: Actions = {
	default: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const id = idOf(params.id);
		const { data, failure } = parseForm(staffForm, await readForm(request, ['supporter_id', 'action']));
		if (failure) return failure;
		const result = await orFail(() => supporters.staff(locals.db, id, data.supporter_id.toLowerCase(), data.action), {}, 'staffing');
		if (result.failure) return result.failure;
		return { done: data.action, status: result.value.status };
	}
};
